using System.Diagnostics;
using System.Net;
using Scan.Testing;

namespace Scan.Silo.Tests.Docker;

/// <summary>The images' contents without Docker: the publish output they copy, started the way their entry point starts it.</summary>
public sealed class PublishOutputTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("scan-publish-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task PublishOutput_StartedLikeTheImage_RunsASiloThatBecomesReady()
    {
        // The Dockerfiles' build stage: dotnet publish of the client, then only linux-x64's native libraries kept.
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", RepositoryRoot.Combine("src", "Scan.Client", "Scan.Client.csproj"),
            "-c", "Release", "-o", _output, "-nologo", "-v", "quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var log = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, log);
        foreach (var other in Directory.GetDirectories(Path.Combine(_output, "runtimes")).Where(d => Path.GetFileName(d).StartsWith("win", StringComparison.Ordinal) || Path.GetFileName(d).StartsWith("osx", StringComparison.Ordinal)))
        {
            Directory.Delete(other, recursive: true);
        }
        var http = FreePorts.Next();

        // ENTRYPOINT ["dotnet", "/app/scan.dll"] with CMD ["silo"]; the options come from SCAN_* variables as on Kubernetes.
        using var silo = new ChildProcess("dotnet", [Path.Combine(_output, "scan.dll"), "silo"], "joined cluster", new Dictionary<string, string>
        {
            ["SCAN_SILOPORT"] = $"{FreePorts.Next()}", ["SCAN_GATEWAYPORT"] = $"{FreePorts.Next()}",
            ["SCAN_HTTPPORT"] = $"{http}", ["SCAN_ARTIFACTROOT"] = _output, ["SCAN_THREADS"] = "1",
        });
        // A silo announces its devices (TorchSharp's CUDA check) before it joins: joining proves the kept natives load.
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{http}{SiloWebHost.ReadyPath}")).StatusCode);
        Assert.Contains("scan_training_throughput", await client.GetStringAsync($"http://127.0.0.1:{http}{SiloWebHost.MetricsPath}"), StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using Scan.Testing;

namespace Scan.Silo.Tests.Local;

/// <summary>
/// The repository's <c>./scan</c> on a copy of the script in a scratch tree, with a stand-in <c>dotnet</c> that logs
/// its calls: it builds when a source is newer than the last build, not when only build outputs (bin/, obj/) changed,
/// and two runs started at once on a stale build build once.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScanScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("scan-script-").FullName;

    public ScanScriptTests()
    {
        File.Copy(RepositoryRoot.Combine("scan"), Path.Combine(_root, "scan"));
        Directory.CreateDirectory(Path.Combine(_root, "build"));
        Write("build/prerequisites.sh", "#!/bin/sh\nexit 0\n");
        Write("src/Scan.Client/Program.cs", "// source\n");
        Write("src/Scan.Client/obj/project.assets.json", "{}\n");
        Write("global.json", "{}\n");
        Write("Directory.Build.props", "<Project />\n");
        // The stand-in: `dotnet build … -o DIR` takes a second and logs "build"; `dotnet DIR/scan.dll` logs "run".
        Write("bin/dotnet", "#!/bin/sh\nif [ \"$1\" = build ]; then sleep 1; echo build >> \"$SCAN_SCRIPT_LOG\"; else echo run >> \"$SCAN_SCRIPT_LOG\"; fi\n");
    }

    private string Log => Path.Combine(_root, "calls.log");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Scan_BuildsForANewerSourceButNotForNewerBuildOutputs()
    {
        await RunAsync();
        await Task.Delay(1100);
        File.AppendAllText(Path.Combine(_root, "src/Scan.Client/obj/project.assets.json"), " ");
        await RunAsync();
        await Task.Delay(1100);
        File.AppendAllText(Path.Combine(_root, "src/Scan.Client/Program.cs"), "// changed\n");
        await RunAsync();

        Assert.Equal(["build", "run", "run", "build", "run"], File.ReadAllLines(Log));
    }

    [Fact]
    public async Task Scan_TwoStartedAtOnceOnAStaleBuild_BuildOnce()
    {
        await Task.WhenAll(RunAsync(), RunAsync());

        Assert.Equal(["build", "run", "run"], File.ReadAllLines(Log).Order());
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
    }

    private async Task RunAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_root, "scan"), "--version"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PATH"] = $"{Path.Combine(_root, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["SCAN_SCRIPT_LOG"] = Log;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
    }
}

using System.Net;
using Scan.Testing;

namespace Scan.Silo.Tests.Health;

/// <summary>Silo processes that cannot start end with one line and an exit code, and leave a running cluster alone.</summary>
public sealed class SiloStartTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("scan-silo-start-").FullName;
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(_root, silos: 1);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private string[] Options(int siloPort, int gatewayPort, int httpPort) => _cluster.SiloOptions(siloPort, gatewayPort, httpPort);

    [Fact]
    public async Task Start_PortsOfARunningSilo_RefusedAndTheRunningSiloUndisturbed()
    {
        var (silo, gateway, http) = (_cluster.SiloPorts[0], _cluster.GatewayPorts[0], _cluster.HttpPorts[0]);

        var siloPort = await SiloProcess.RunToExitAsync(null, Options(silo, FreePorts.Next(), FreePorts.Next()));
        var gatewayPort = await SiloProcess.RunToExitAsync(null, Options(FreePorts.Next(), gateway, FreePorts.Next()));
        var httpPort = await SiloProcess.RunToExitAsync(null, Options(FreePorts.Next(), FreePorts.Next(), http));

        Assert.Equal(SiloExitCodes.BadConfiguration, siloPort.ExitCode);
        SiloProcess.AssertOneLineError(siloPort.Output, $"--silo-port {silo}: the port is in use");
        Assert.Equal(SiloExitCodes.BadConfiguration, gatewayPort.ExitCode);
        SiloProcess.AssertOneLineError(gatewayPort.Output, $"--gateway-port {gateway}: the port is in use");
        Assert.Equal(SiloExitCodes.BadConfiguration, httpPort.ExitCode);
        SiloProcess.AssertOneLineError(httpPort.Output, $"--http-port {http}: the port is in use");
        await AssertRunningSiloUndisturbedAsync();
    }

    [Fact]
    public async Task Start_WrongRedisPassword_ExitsCouldNotJoinWithOneLine()
    {
        var environment = LocalCluster.SiloEnvironment();
        environment["SCAN_REDISPASSWORD"] = "not the password";

        var (code, output) = await SiloProcess.RunToExitAsync(environment, Options(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));

        Assert.Equal(SiloExitCodes.CouldNotJoin, code);
        SiloProcess.AssertOneLineError(output, "could not join cluster scancluster");
        await AssertRunningSiloUndisturbedAsync();
    }

    [Fact]
    public async Task Start_RedisDown_AnswersLivenessWhileTryingThenExitsWithOneLine()
    {
        var http = FreePorts.Next();
        // Nothing listens on port 1.
        using var silo = SiloProcess.Start(null, "--redis", "127.0.0.1:1", "--silo-port", $"{FreePorts.Next()}", "--gateway-port", $"{FreePorts.Next()}",
            "--http-port", $"{http}", "--artifact-root", _root);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        HttpStatusCode? live = null, ready = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (live is null && !silo.HasExited)
        {
            Assert.True(DateTime.UtcNow < deadline, "the silo neither answered /healthz nor exited within 90 s");
            try
            {
                live = (await client.GetAsync($"http://127.0.0.1:{http}{SiloWebHost.LivePath}")).StatusCode;
                ready = (await client.GetAsync($"http://127.0.0.1:{http}{SiloWebHost.ReadyPath}")).StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        var code = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal(SiloExitCodes.CouldNotJoin, code);
        SiloProcess.AssertOneLineError(silo.Output, "could not join cluster scancluster");
    }

    [Theory]
    [InlineData("--silo-prot", "5", "unknown option --silo-prot")]
    [InlineData("--silo-port", "abc", "'abc' at 'SiloPort'")]
    [InlineData("--http-port", "70000", "HttpPort must be between 1 and 65535")]
    [InlineData("--dashboard", "true", "the dashboard needs a password")]
    [InlineData("--advertise", "not-an-ip", "Advertise not-an-ip: not an IP address")]
    public async Task Start_BadOption_ExitsBadConfigurationNamingIt(string option, string value, string expected)
    {
        var (code, output) = await SiloProcess.RunToExitAsync(null, [.. Options(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()), option, value]);

        Assert.Equal(SiloExitCodes.BadConfiguration, code);
        SiloProcess.AssertOneLineError(output, expected);
    }

    private async Task AssertRunningSiloUndisturbedAsync()
    {
        using var client = new HttpClient();
        Assert.False(_cluster.Silo(_cluster.SiloPorts[0]).HasExited, _cluster.Silo(_cluster.SiloPorts[0]).Output);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{_cluster.HttpPorts[0]}{SiloWebHost.ReadyPath}")).StatusCode);
        Assert.DoesNotContain("I have been told I am dead", _cluster.Silo(_cluster.SiloPorts[0]).Output, StringComparison.Ordinal);
    }
}

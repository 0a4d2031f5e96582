using System.Net;
using Scan.Silo.Local;

namespace Scan.Silo.Tests.Health;

/// <summary>A real silo process's health endpoints, as Kubernetes' probes use them.</summary>
public sealed class SiloHealthTests
{
    [Fact]
    public async Task Silo_StillJoiningItsCluster_IsAliveButNotReady()
    {
        var healthPort = FreePorts.Next();
        // Nothing listens on port 1: the silo keeps trying to reach its membership table and never joins.
        using var silo = new ChildProcess("dotnet", [Path.Combine(AppContext.BaseDirectory, "scan-silo.dll"), "--redis", "127.0.0.1:1",
            "--silo-port", $"{FreePorts.Next()}", "--gateway-port", $"{FreePorts.Next()}", "--metrics-port", "0", "--health-port", $"{healthPort}",
            "--artifact-root", Path.GetTempPath()], "never printed");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode? live = null;
        while (live is null && DateTime.UtcNow < deadline)
        {
            try
            {
                live = (await http.GetAsync($"http://127.0.0.1:{healthPort}/healthz")).StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }
        var ready = (await http.GetAsync($"http://127.0.0.1:{healthPort}/ready")).StatusCode;

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.False(silo.HasExited, silo.Output);
    }

}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Scan.Client.Cluster;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;
using Scan.Silo;
using Scan.Testing;

namespace Scan.Client.Tests.Cluster;

/// <summary>What an operator does to a running cluster by accident: probes that hang up, and a Redis that comes back empty.</summary>
public sealed class SiloResilienceTests : IDisposable
{
    private static readonly TimeSpan JobLimit = TimeSpan.FromMinutes(6);
    private static readonly string[] Paths = [SiloWebHost.LivePath, SiloWebHost.ReadyPath, SiloWebHost.MetricsPath, SiloWebHost.DashboardPath, "/other"];
    private readonly UntrainedTarget _target = new();

    public void Dispose() => _target.Dispose();

    [Fact]
    public async Task Silos_HalfClosedAndResetRequestsDuringAJob_StayAndTheJobFinishes()
    {
        await using var cluster = await LocalCluster.StartAsync(_target.Directory, silos: 2);
        await using var lease = await ClusterLease.AcquireAsync(cluster.Address, CancellationToken.None);
        var job = lease.Client.GetGrain<ITrainingJobGrain>(JobFollower.NewJobId("train"));
        await job.StartAsync(ClusterJobs.TrainRequest(_target.Path, Path.Combine(_target.Directory, "decoder"), workers: 2));
        var rounds = 0;

        var status = await ClusterJobs.FinishedAsync(job, JobLimit, async _ =>
        {
            foreach (var port in cluster.HttpPorts)
            {
                foreach (var path in Paths)
                {
                    await SendAndHangUpAsync(port, path, reset: false);
                    await SendAndHangUpAsync(port, path, reset: true);
                }
            }
            rounds++;
        });

        Assert.True(status.State == JobState.Succeeded, $"{status.State}: {status.Error}");
        Assert.True(rounds >= 3, $"only {rounds} rounds of dropped requests while the job ran");
        using var http = new HttpClient();
        foreach (var (siloPort, httpPort) in cluster.SiloPorts.Zip(cluster.HttpPorts))
        {
            Assert.False(cluster.Silo(siloPort).HasExited, cluster.Silo(siloPort).Output);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{httpPort}{SiloWebHost.ReadyPath}")).StatusCode);
        }
    }

    [Fact]
    public async Task Cluster_RedisRestartedEmptyMidJob_NotReadyTheJobReportsItsOutcomeTheSilosStopToRejoin()
    {
        await using var cluster = await LocalCluster.StartAsync(_target.Directory, 2, "--membership-loss-grace", "3");
        var output = Path.Combine(_target.Directory, "decoder");
        JobStatus status;
        var lease = await ClusterLease.AcquireAsync(cluster.Address, CancellationToken.None);
        try
        {
            var job = lease.Client.GetGrain<ITrainingJobGrain>(JobFollower.NewJobId("train"));
            await job.StartAsync(ClusterJobs.TrainRequest(_target.Path, output, workers: 2));
            var restarted = false;
            status = await ClusterJobs.FinishedAsync(job, JobLimit, async s =>
            {
                if (!restarted && s.Done >= 64)
                {
                    await cluster.RestartRedisEmptyAsync();
                    restarted = true;
                }
            });
            Assert.True(restarted, "the job finished before Redis could be restarted");
        }
        finally
        {
            await DisposeQuietlyAsync(lease);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Task.WhenAll(cluster.HttpPorts.Select(async port =>
        {
            try
            {
                return (await http.GetAsync($"http://127.0.0.1:{port}{SiloWebHost.ReadyPath}")).StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.Gone; // the silo has stopped already
            }
        }));
        var exits = await Task.WhenAll(cluster.SiloPorts.Select(port => cluster.Silo(port).WaitForExitAsync(TimeSpan.FromSeconds(90))));

        Assert.True(status.State == JobState.Succeeded, $"{status.State}: {status.Error}\n{string.Join("\n---\n", cluster.SiloPorts.Select(p => cluster.Silo(p).Output))}");
        Assert.True(File.Exists(Path.Combine(output, Core.Training.DecoderDescription.FileName)), "no decoder written");
        Assert.All(ready, code => Assert.NotEqual(HttpStatusCode.OK, code));
        Assert.All(exits, code => Assert.Equal(SiloExitCodes.MembershipLost, code));
        Assert.All(cluster.SiloPorts, port => Assert.Contains("a restart joins the cluster again", cluster.Silo(port).Output, StringComparison.Ordinal));
    }

    /// <summary>Sends a GET and hangs up without reading the answer: a half-close (FIN) or a reset (RST, linger 0).</summary>
    private static async Task SendAndHangUpAsync(int port, string path, bool reset)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"));
        if (reset)
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        else
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        socket.Close();
    }

    private static async Task DisposeQuietlyAsync(ClusterLease lease)
    {
        try
        {
            await lease.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            // The client may no longer find a gateway once its silos have stopped; the test is about the silos.
        }
    }
}

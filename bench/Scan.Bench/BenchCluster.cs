using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scan.Grains.Abstractions.Jobs;
using Scan.Testing;

namespace Scan.Bench;

/// <summary>A local multi-process cluster (Redis and N silo processes) with a connected client, for one benchmark run.</summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly LocalCluster _cluster;
    private readonly IHost _client;

    private BenchCluster(LocalCluster cluster, IHost client) => (_cluster, _client) = (cluster, client);

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public static async Task<BenchCluster> StartAsync(string artifactRoot, int silos)
    {
        var cluster = await LocalCluster.StartAsync(artifactRoot, silos);
        var client = Scan.Client.Cluster.ScanClientHost.Build(cluster.Address);
        await client.StartAsync();
        return new BenchCluster(cluster, client);
    }

    /// <summary>Polls a job until it finishes; throws unless it succeeded.</summary>
    public static async Task<JobStatus> FinishAsync(IJobGrain job)
    {
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (status.IsFinished)
            {
                return status.State == JobState.Succeeded ? status : throw new InvalidOperationException($"{status.JobId}: {status.State} {status.Error}");
            }
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _cluster.DisposeAsync();
    }
}

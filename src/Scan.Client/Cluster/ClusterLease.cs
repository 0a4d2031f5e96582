using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scan.Core;
using Scan.Silo;

namespace Scan.Client.Cluster;

/// <summary>
/// A command's hold on a cluster: with no address, a silo embedded in this process (localhost clustering, so one
/// machine needs nothing else); with <c>redis://HOST:PORT</c>, a client of the silos that Redis lists. Commands that
/// run inside one another share one connection; the last to let go stops it.
/// </summary>
public sealed class ClusterLease : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, (IHost Host, int Holders)> Open = [];
    private readonly string _key;

    private ClusterLease(string key, IClusterClient client) => (_key, Client) = (key, client);

    public IClusterClient Client { get; }

    public static async Task<ClusterLease> AcquireAsync(string? cluster, CancellationToken cancellation)
    {
        var key = cluster ?? "";
        await Gate.WaitAsync(cancellation);
        try
        {
            if (!Open.TryGetValue(key, out var entry))
            {
                var host = cluster is null ? ScanSiloHost.BuildEmbedded() : ScanClientHost.Build(cluster);
                await StartAsync(host, cluster, cancellation);
                entry = (host, 0);
            }
            Open[key] = (entry.Host, entry.Holders + 1);
            return new ClusterLease(key, entry.Host.Services.GetRequiredService<IClusterClient>());
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var (host, holders) = Open[_key];
            if (holders > 1)
            {
                Open[_key] = (host, holders - 1);
                return;
            }
            Open.Remove(_key);
            await host.StopAsync();
            host.Dispose();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task StartAsync(IHost host, string? cluster, CancellationToken cancellation)
    {
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception e) when (cluster is not null && e is not OperationCanceledException)
        {
            host.Dispose();
            throw new ScanInputException($"--cluster {ScanSiloHost.Redacted(cluster)}: no ScanCluster silo answered ({e.GetType().Name}: {ScanSiloHost.Redacted(e.Message)}). " +
                "Check the address and password, and that `scan silo` runs against that Redis.", e);
        }
    }
}

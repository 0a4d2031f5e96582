using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Scan.Core;
using Scan.Silo;

namespace Scan.Client.Cluster;

/// <summary>Builds a client host for a cluster that silos joined through Redis (the client's --cluster, the benchmarks).</summary>
public static class ScanClientHost
{
    public const string Scheme = ScanSiloHost.RedisScheme;

    /// <summary>The variable a client reads Redis's password from when the address has none (any characters).</summary>
    public const string PasswordVariable = "SCAN_REDISPASSWORD";

    /// <summary>A client for <c>redis://HOST:PORT[,password=…]</c>; starting it fails fast when no silo answers.</summary>
    public static IHost Build(string cluster)
    {
        if (!cluster.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new ScanInputException($"--cluster {ScanSiloHost.Redacted(cluster)}: expected {Scheme}HOST:PORT (optionally ,password=…).");
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ScanSiloOptions.DefaultClusterId, ScanSiloOptions.DefaultServiceId));
            client.UseRedisClustering(o => o.ConfigurationOptions = ScanSiloHost.RedisConfiguration(cluster, Environment.GetEnvironmentVariable(PasswordVariable)));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                await Task.Delay(500, token);
                return false;
            });
        });
        return builder.Build();
    }
}

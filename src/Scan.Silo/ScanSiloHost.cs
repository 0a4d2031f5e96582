using Scan.Grains.Artifacts;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Grains;
using Scan.Grains.Cluster;
using Scan.Grains.Jobs;
using StackExchange.Redis;

namespace Scan.Silo;

/// <summary>A ScanCluster silo's Orleans setup (clustering, storage, devices, the grains' options), and the silo a client embeds.</summary>
public static class ScanSiloHost
{
    /// <summary>The prefix of a cluster address (redis://HOST:PORT), accepted in a silo's --redis too.</summary>
    public const string RedisScheme = "redis://";

    /// <summary>A silo inside the client's own process: localhost clustering on free ports, memory storage, no HTTP, only errors logged.</summary>
    public static IHost BuildEmbedded()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        LogToStandardError(builder.Logging, LogLevel.Error);
        // The client owns Ctrl-C: it cancels its job first, then stops this host itself.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.UseOrleans(silo => Configure(silo, new ScanSiloOptions { SiloPort = FreePorts.Next(), GatewayPort = FreePorts.Next() }, artifactRoot: null));
        return builder.Build();
    }

    /// <summary>Clustering (localhost, or Redis when <see cref="ScanSiloOptions.Redis"/> is set), job storage, device metadata and the grains' options.</summary>
    public static void Configure(ISiloBuilder silo, ScanSiloOptions options, string? artifactRoot)
    {
        if (options.Redis is null)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddMemoryGrainStorage(JobStorage.Name);
        }
        else
        {
            if (options.Kubernetes)
            {
                // The address (POD_IP) and silo name (POD_NAME) come from the pod; the pod's orleans/* labels must name the same cluster.
                silo.UseKubernetesHosting();
                silo.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (options.SiloPort, options.GatewayPort));
            }
            else
            {
                var advertise = IPAddress.TryParse(options.Advertise, out var advertised) ? advertised : IPAddress.Loopback;
                silo.ConfigureEndpoints(advertise, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.Advertise is not null);
            }
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
            silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = options.ProbeTimeoutSpan);
            // Read when Orleans starts, after the options were validated (the password file exists).
            var address = options.Redis;
            silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConfiguration(address, options.ReadRedisPassword()));
            silo.AddRedisGrainStorage(JobStorage.Name, o => o.ConfigurationOptions = RedisConfiguration(address, options.ReadRedisPassword()));
        }
        silo.UseSiloMetadata(DeviceAnnouncement.Local(options.CpuWorkers));
        silo.Services.Configure<ScanClusterOptions>(o =>
        {
            o.ArtifactRoot = new ArtifactRoot(artifactRoot);
            o.ExchangeTimeout = options.ExchangeTimeoutSpan;
        });
    }

    /// <summary>"host:port" or a StackExchange.Redis configuration string, optionally after redis://; a separate password takes any characters.</summary>
    public static ConfigurationOptions RedisConfiguration(string redis, string? password)
    {
        var options = ConfigurationOptions.Parse(redis.StartsWith(RedisScheme, StringComparison.Ordinal) ? redis[RedisScheme.Length..] : redis);
        if (password is not null)
        {
            options.Password = password;
        }
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        return options;
    }

    /// <summary><paramref name="redis"/> as it may be shown: a <c>password=…</c> field's value replaced by <c>***</c>.</summary>
    public static string Redacted(string redis) =>
        System.Text.RegularExpressions.Regex.Replace(redis, "(?i)(password=)[^,]*", "$1***");

    /// <summary>Logs go to stderr: stdout is for results (scan … --format json runs an embedded silo).</summary>
    public static void LogToStandardError(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(level);
        logging.AddFilter("Orleans", level == LogLevel.Error ? LogLevel.Error : LogLevel.Warning);
        logging.AddFilter("Microsoft", level == LogLevel.Error ? LogLevel.Error : LogLevel.Warning);
        // "Hosting failed to start" repeats what the silo's own one-line error says.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // Every failed probe would log an error; the membership watchdog logs the change once.
        logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical);
    }

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

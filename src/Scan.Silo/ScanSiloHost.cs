using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scan.Grains;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Grains.Cluster;
using Scan.Grains.Jobs;
using Scan.Grains.Observability;
using OpenTelemetry.Metrics;
using StackExchange.Redis;

namespace Scan.Silo;

/// <summary>Builds a ScanCluster silo host: clustering (localhost or Redis), endpoints, and the grains' options.</summary>
public static class ScanSiloHost
{
    public static IHost Build(SiloSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Logs go to stderr: stdout is for results (scan … --format json runs an embedded silo).
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(settings.Embedded ? LogLevel.Error : LogLevel.Information);
        builder.Logging.AddFilter("Orleans", settings.Embedded ? LogLevel.Error : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", settings.Embedded ? LogLevel.Error : LogLevel.Warning);
        if (settings.Embedded)
        {
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }
        if (settings.HealthPort is { } healthPort)
        {
            builder.Services.AddHostedService(services => new SiloHealthEndpoint(healthPort, services));
        }
        var siloPort = settings.SiloPort == 0 ? FreePorts.Next() : settings.SiloPort;
        var gatewayPort = settings.GatewayPort == 0 ? FreePorts.Next() : settings.GatewayPort;
        builder.UseOrleans(silo =>
        {
            if (settings.Redis is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                silo.AddMemoryGrainStorage(JobStorage.Name);
            }
            else
            {
                var address = settings.AdvertisedAddress is null ? IPAddress.Loopback : IPAddress.Parse(settings.AdvertisedAddress);
                silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: settings.AdvertisedAddress is not null);
                silo.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
                silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o => o.ProbeTimeout = settings.ProbeTimeout);
                silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConfiguration(settings.Redis));
                silo.AddRedisGrainStorage(JobStorage.Name, o => o.ConfigurationOptions = RedisConfiguration(settings.Redis));
            }
            silo.UseSiloMetadata(DeviceAnnouncement.Local(settings.CpuWorkers));
            silo.Services.Configure<ScanClusterOptions>(o =>
            {
                o.ArtifactRoot = new ArtifactRoot(settings.ArtifactRoot);
                o.ExchangeTimeout = settings.ExchangeTimeout;
            });
        });
        if (settings.MetricsPort is { } metricsPort)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(ScanMetrics.MeterName, "Microsoft.Orleans")
                .AddPrometheusHttpListener(o =>
                {
                    // The exporter's own prefix names one host; replaced by a wildcard one, it answers scrapes at any address (a pod IP).
                    (o.Host, o.Port) = ("localhost", metricsPort);
                    o.ConfigureHttpListener = (_, listener) =>
                    {
                        listener.Prefixes.Clear();
                        listener.Prefixes.Add($"http://*:{metricsPort}{o.ScrapeEndpointPath}/");
                    };
                }));
        }
        return builder.Build();
    }

    /// <summary>"host:port" or a full StackExchange.Redis configuration string ("host:port,password=…").</summary>
    public static ConfigurationOptions RedisConfiguration(string redis)
    {
        var options = ConfigurationOptions.Parse(redis.StartsWith(ScanClientHost.Scheme, StringComparison.Ordinal) ? redis[ScanClientHost.Scheme.Length..] : redis);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        return options;
    }

    /// <summary>No console handling: the client that embeds the silo owns Ctrl-C and stops the host itself.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

}

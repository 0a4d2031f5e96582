using System.Globalization;

namespace Scan.Silo;

/// <summary>The silo process's command line: --name value pairs, each with an environment variable as its default.</summary>
public static class SiloArguments
{
    public const string Usage =
        "usage: scan-silo [--redis HOST:PORT[,password=…]] [--silo-port N] [--gateway-port N] [--advertise IP] " +
        "[--cluster-id ID] [--service-id ID] [--artifact-root DIR] [--exchange-timeout SECONDS] [--probe-timeout SECONDS] [--metrics-port N] [--health-port N] [--cpu-workers N]\n" +
        "environment: SCAN_REDIS, SCAN_SILO_PORT, SCAN_GATEWAY_PORT, SCAN_ADVERTISE (e.g. POD_IP), SCAN_CLUSTER_ID, SCAN_SERVICE_ID, SCAN_ARTIFACT_ROOT, SCAN_EXCHANGE_TIMEOUT, SCAN_PROBE_TIMEOUT, SCAN_METRICS_PORT, SCAN_HEALTH_PORT, SCAN_CPU_WORKERS";

    /// <summary>The Prometheus port a silo process serves unless told otherwise (0 turns the endpoint off).</summary>
    public const int DefaultMetricsPort = 9464;

    /// <summary>The health endpoints' port unless told otherwise (0 turns them off).</summary>
    public const int DefaultHealthPort = 8080;

    /// <summary>The settings, or null (after printing why) when an argument is unknown or malformed.</summary>
    public static SiloSettings? Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                Console.Error.WriteLine($"scan-silo: expected --name value, got '{args[i]}'.");
                return null;
            }
            values[args[i][2..]] = args[i + 1];
        }
        string? Value(string name, string variable) => values.Remove(name, out var v) ? v : environment(variable);
        try
        {
            var settings = new SiloSettings
            {
                Redis = Value("redis", "SCAN_REDIS"),
                SiloPort = Port(Value("silo-port", "SCAN_SILO_PORT"), "--silo-port", 11111),
                GatewayPort = Port(Value("gateway-port", "SCAN_GATEWAY_PORT"), "--gateway-port", 30000),
                AdvertisedAddress = Value("advertise", "SCAN_ADVERTISE"),
                ClusterId = Value("cluster-id", "SCAN_CLUSTER_ID") ?? SiloSettings.DefaultClusterId,
                ServiceId = Value("service-id", "SCAN_SERVICE_ID") ?? SiloSettings.DefaultServiceId,
                ArtifactRoot = Value("artifact-root", "SCAN_ARTIFACT_ROOT") ?? Directory.GetCurrentDirectory(),
                ExchangeTimeout = Seconds(Value("exchange-timeout", "SCAN_EXCHANGE_TIMEOUT"), "--exchange-timeout", 60),
                MetricsPort = Port(Value("metrics-port", "SCAN_METRICS_PORT"), "--metrics-port", DefaultMetricsPort) is var metrics and > 0 ? metrics : null,
                HealthPort = Port(Value("health-port", "SCAN_HEALTH_PORT"), "--health-port", DefaultHealthPort) is var health and > 0 ? health : null,
                CpuWorkers = Whole(Value("cpu-workers", "SCAN_CPU_WORKERS"), "--cpu-workers", 1, 1, 1024, "a worker count"),
                ProbeTimeout = Seconds(Value("probe-timeout", "SCAN_PROBE_TIMEOUT"), "--probe-timeout", 5),
                Embedded = false,
            };
            if (values.Count > 0)
            {
                Console.Error.WriteLine($"scan-silo: unknown option --{values.Keys.First()}.");
                return null;
            }
            return settings;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"scan-silo: {e.Message}");
            return null;
        }
    }

    private static TimeSpan Seconds(string? value, string option, double fallback) =>
        value is null ? TimeSpan.FromSeconds(fallback)
        : double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds)
        : throw new FormatException($"{option} {value}: not a positive number of seconds.");

    private static int Port(string? value, string option, int fallback) => Whole(value, option, fallback, 0, 65535, "a port number");

    private static int Whole(string? value, string option, int fallback, int min, int max, string what) =>
        value is null ? fallback
        : int.TryParse(value, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max ? number
        : throw new FormatException($"{option} {value}: not {what} ({min}–{max}).");
}

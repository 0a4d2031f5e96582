using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Scan.Silo;

/// <summary>
/// <c>scan silo</c>'s configuration: a settings file (JSON, optional), then <c>SCAN_</c> environment variables, then
/// the command line, each overriding the one before, all bound to <see cref="ScanSiloOptions"/> by name.
/// </summary>
public static class SiloConfiguration
{
    public const string EnvironmentPrefix = "SCAN_";

    /// <summary>The command line's switches: each names one option; its environment variable is SCAN_ + the option's name in capitals.</summary>
    public static readonly IReadOnlyList<(string Switch, string Option, string Description)> Switches =
    [
        ("--redis", nameof(ScanSiloOptions.Redis), "HOST:PORT of Redis, for membership and job records (absent: one localhost silo)"),
        ("--redis-password-file", nameof(ScanSiloOptions.RedisPasswordFile), "a file holding Redis's password (or SCAN_REDISPASSWORD)"),
        ("--silo-port", nameof(ScanSiloOptions.SiloPort), "silo-to-silo port (11111; 0: a free one)"),
        ("--gateway-port", nameof(ScanSiloOptions.GatewayPort), "client gateway port (30000; 0: a free one)"),
        ("--http-port", nameof(ScanSiloOptions.HttpPort), "HTTP port for /metrics, /healthz, /ready, /dashboard (8080)"),
        ("--advertise", nameof(ScanSiloOptions.Advertise), "the IP other silos reach this one at (a pod IP; default loopback)"),
        ("--cluster-id", nameof(ScanSiloOptions.ClusterId), "Orleans cluster id (scancluster)"),
        ("--service-id", nameof(ScanSiloOptions.ServiceId), "Orleans service id (scan)"),
        ("--artifact-root", nameof(ScanSiloOptions.ArtifactRoot), "the only directory tree jobs may read and write (the working directory)"),
        ("--exchange-timeout", nameof(ScanSiloOptions.ExchangeTimeout), "seconds a training step waits for a peer (60)"),
        ("--probe-timeout", nameof(ScanSiloOptions.ProbeTimeout), "seconds a membership probe waits (5)"),
        ("--cpu-workers", nameof(ScanSiloOptions.CpuWorkers), "workers without a CUDA device (1)"),
        ("--membership-loss-grace", nameof(ScanSiloOptions.MembershipLossGrace), "seconds, idle, after this silo's membership entry vanished before it stops to rejoin (30)"),
        ("--kubernetes", nameof(ScanSiloOptions.Kubernetes), "true: Orleans' Kubernetes hosting (pod name, IP and cluster ids from the pod)"),
        ("--dashboard", nameof(ScanSiloOptions.Dashboard), "true: the Orleans dashboard at /dashboard, behind basic authentication"),
        ("--dashboard-user", nameof(ScanSiloOptions.DashboardUser), "the dashboard's user name (admin)"),
        ("--dashboard-password-file", nameof(ScanSiloOptions.DashboardPasswordFile), "a file holding the dashboard's password (or SCAN_DASHBOARDPASSWORD)"),
        ("--settings", nameof(ScanSiloOptions.Settings), "a JSON file of options by name ({\"Redis\": \"…\", \"SiloPort\": 11111})"),
    ];

    public static string Usage => "usage: scan silo [--option value]…\n" + string.Join('\n', Switches.Select(s =>
        $"  {s.Switch,-26} {EnvironmentPrefix + s.Option.ToUpperInvariant(),-28} {s.Description}"));

    /// <summary>
    /// The configuration of a silo process; throws <see cref="InvalidOperationException"/> naming the key when the command
    /// line or the settings file holds one that is no option (the environment may hold other SCAN_ variables).
    /// </summary>
    public static IConfiguration Build(string[] args, IDictionary<string, string?>? environment = null)
    {
        var mapping = Switches.ToDictionary(s => s.Switch, s => s.Option, StringComparer.Ordinal);
        IConfigurationBuilder Environment(IConfigurationBuilder builder) => environment is null
            ? builder.AddEnvironmentVariables(EnvironmentPrefix)
            : builder.AddInMemoryCollection(environment.Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(e.Key[EnvironmentPrefix.Length..], e.Value)));
        var direct = Environment(new ConfigurationBuilder()).AddCommandLine(args, mapping).Build();
        var settings = direct[nameof(ScanSiloOptions.Settings)];
        if (settings is not null && !File.Exists(settings))
        {
            throw new InvalidOperationException($"Settings {settings}: no such file.");
        }
        var builder = new ConfigurationBuilder();
        if (settings is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(settings), optional: false);
            RefuseUnknownKeys(new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(settings)).Build(), settings);
        }
        RefuseUnknownKeys(new ConfigurationBuilder().AddCommandLine(args, mapping).Build(), "the command line");
        return Environment(builder).AddCommandLine(args, mapping).Build();
    }

    /// <summary>
    /// The options <paramref name="configuration"/> holds, checked by their validation attributes before anything uses
    /// them (a port out of range would otherwise reach Kestrel); throws <see cref="OptionsValidationException"/>.
    /// </summary>
    public static ScanSiloOptions Options(IConfiguration configuration)
    {
        var options = configuration.Get<ScanSiloOptions>() ?? new ScanSiloOptions();
        var result = new DataAnnotationValidateOptions<ScanSiloOptions>(null).Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(nameof(ScanSiloOptions), typeof(ScanSiloOptions), result.Failures) : options;
    }

    private static void RefuseUnknownKeys(IConfiguration configuration, string source)
    {
        var known = typeof(ScanSiloOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = configuration.GetChildren().Select(c => c.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{source}: unknown option {string.Join(", ", unknown.Select(k => source == "the command line" ? "--" + k : k))} (see scan silo --help).");
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Scan.Grains;

namespace Scan.Silo;

/// <summary>
/// How a silo process joins its cluster and what it serves, bound from <c>scan silo</c>'s command line, <c>SCAN_</c>
/// environment variables and an optional settings file (<see cref="SiloConfiguration"/>), validated at start.
/// </summary>
public sealed class ScanSiloOptions : IValidatableObject
{
    public const string DefaultClusterId = "scancluster";
    public const string DefaultServiceId = "scan";

    /// <summary>Redis for membership and job records ("host:port" or a StackExchange.Redis configuration string); null: a single localhost silo.</summary>
    public string? Redis { get; set; }

    /// <summary>Redis's password, any characters (better: <see cref="RedisPasswordFile"/>, e.g. a mounted Secret).</summary>
    public string? RedisPassword { get; set; }

    /// <summary>A file whose contents (less a final newline) are Redis's password.</summary>
    public string? RedisPasswordFile { get; set; }

    [Range(0, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(0, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The one HTTP port: /metrics, /healthz, /ready and, when on, /dashboard.</summary>
    [Range(1, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>The address other silos reach this one at (a pod IP); null: loopback.</summary>
    public string? Advertise { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string ClusterId { get; set; } = DefaultClusterId;

    [Required(AllowEmptyStrings = false)]
    public string ServiceId { get; set; } = DefaultServiceId;

    /// <summary>The directory tree jobs may read and write (default: the working directory).</summary>
    public string? ArtifactRoot { get; set; }

    /// <summary>Seconds a training step waits for a peer before it fails.</summary>
    [Range(0.1, 86400)]
    public double ExchangeTimeout { get; set; } = ScanClusterOptions.DefaultExchangeTimeout.TotalSeconds;

    /// <summary>Seconds a membership probe waits; three missed probes make a silo suspect.</summary>
    [Range(0.1, 600)]
    public double ProbeTimeout { get; set; } = 5;

    /// <summary>Workers this silo takes when it has no CUDA device.</summary>
    [Range(1, 1024)]
    public int CpuWorkers { get; set; } = 1;

    /// <summary>
    /// Seconds this silo keeps running, idle, after its entry vanished from a reachable membership table (Redis came
    /// back empty) before it stops with <see cref="SiloExitCodes.MembershipLost"/> so that it is restarted and joins again.
    /// </summary>
    [Range(1, 86400)]
    public double MembershipLossGrace { get; set; } = 30;

    /// <summary>Orleans' Kubernetes hosting: silo name, address and cluster ids from the pod, defunct pods deleted.</summary>
    public bool Kubernetes { get; set; }

    /// <summary>The Orleans dashboard at /dashboard, behind HTTP basic authentication.</summary>
    public bool Dashboard { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string DashboardUser { get; set; } = "admin";

    public string? DashboardPassword { get; set; }

    public string? DashboardPasswordFile { get; set; }

    /// <summary>A JSON settings file with any of these options (read before the environment and the command line).</summary>
    public string? Settings { get; set; }

    public TimeSpan ExchangeTimeoutSpan => TimeSpan.FromSeconds(ExchangeTimeout);

    public TimeSpan ProbeTimeoutSpan => TimeSpan.FromSeconds(ProbeTimeout);

    /// <summary>The Redis password from <see cref="RedisPassword"/> or <see cref="RedisPasswordFile"/>; null when neither is set.</summary>
    public string? ReadRedisPassword() => Secret(RedisPassword, RedisPasswordFile);

    public string? ReadDashboardPassword() => Secret(DashboardPassword, DashboardPasswordFile);

    /// <summary>The password that k8s/base/secret.yaml ships as a placeholder: a silo refuses to start with it.</summary>
    public const string PlaceholderRedisPassword = "change-me-before-deploying";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RedisPassword is not null && RedisPasswordFile is not null)
        {
            yield return new ValidationResult("set the Redis password once: RedisPassword or RedisPasswordFile, not both.", [nameof(RedisPassword)]);
        }
        // The dashboard's password file is looked for only when the dashboard is on (its Secret is optional).
        foreach (var (file, name) in new[] { (RedisPasswordFile, nameof(RedisPasswordFile)), (Dashboard ? DashboardPasswordFile : null, nameof(DashboardPasswordFile)) })
        {
            if (file is not null && !File.Exists(file))
            {
                yield return new ValidationResult($"{name} {file}: no such file.", [name]);
            }
        }
        if ((RedisPasswordFile is null || File.Exists(RedisPasswordFile)) && !(RedisPassword is not null && RedisPasswordFile is not null)
            && ReadRedisPassword() == PlaceholderRedisPassword)
        {
            yield return new ValidationResult(
                "the Redis password is the placeholder of k8s/base/secret.yaml: replace it before deploying (that file's comment shows how).", [nameof(RedisPassword)]);
        }
        if (Dashboard && string.IsNullOrEmpty(ReadDashboardPasswordOrNull()))
        {
            yield return new ValidationResult("the dashboard needs a password: set DashboardPassword or DashboardPasswordFile (e.g. from a Secret).", [nameof(Dashboard)]);
        }
        var ports = new[] { (SiloPort, "SiloPort"), (GatewayPort, "GatewayPort"), (HttpPort, "HttpPort") }.Where(p => p.Item1 > 0).ToList();
        foreach (var clash in ports.GroupBy(p => p.Item1).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"{string.Join(" and ", clash.Select(p => p.Item2))} are both {clash.Key}.", clash.Select(p => p.Item2).ToArray());
        }
        if (Advertise is not null && !System.Net.IPAddress.TryParse(Advertise, out _))
        {
            yield return new ValidationResult($"Advertise {Advertise}: not an IP address.", [nameof(Advertise)]);
        }
    }

    private string? ReadDashboardPasswordOrNull() =>
        DashboardPasswordFile is { } file && !File.Exists(file) ? null : ReadDashboardPassword();

    private static string? Secret(string? value, string? file) =>
        value ?? (file is null ? null : File.ReadAllText(file).TrimEnd('\r', '\n'));
}

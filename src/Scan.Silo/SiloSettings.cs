namespace Scan.Silo;

/// <summary>How a ScanCluster silo joins its cluster and what it offers.</summary>
public sealed record SiloSettings
{
    public const string DefaultClusterId = "scancluster";
    public const string DefaultServiceId = "scan";

    /// <summary>Redis for membership ("host:port", or a StackExchange.Redis configuration string); null: a single localhost silo.</summary>
    public string? Redis { get; init; }

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>Client gateway port; 0 picks a free one.</summary>
    public int GatewayPort { get; init; }

    /// <summary>The address other silos reach this one at (Kubernetes: the pod IP); null: loopback.</summary>
    public string? AdvertisedAddress { get; init; }

    public string ClusterId { get; init; } = DefaultClusterId;

    public string ServiceId { get; init; } = DefaultServiceId;

    /// <summary>The directory tree jobs may read and write; null: anywhere (only for a silo inside the client's own process).</summary>
    public string? ArtifactRoot { get; init; }

    /// <summary>The longest a training step waits for a peer before it fails.</summary>
    public TimeSpan ExchangeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Workers this silo takes when it has no CUDA device (announced in its silo metadata).</summary>
    public int CpuWorkers { get; init; } = 1;

    /// <summary>The port of this silo's Prometheus endpoint (http://*:PORT/metrics); null: none.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>The port of this silo's health endpoints (/healthz, /ready); null: none.</summary>
    public int? HealthPort { get; init; }

    /// <summary>How long a membership probe waits; three missed probes make a silo suspect (Orleans' default: 5 s).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A silo inside the client's process: it logs only errors and leaves Ctrl-C to the client, which cancels its job
    /// first. A silo process logs at Information and stops on Ctrl-C or SIGTERM.
    /// </summary>
    public bool Embedded { get; init; } = true;
}

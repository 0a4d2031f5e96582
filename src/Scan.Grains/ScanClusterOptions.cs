using Scan.Grains.Artifacts;
using Scan.Grains.Training;

namespace Scan.Grains;

/// <summary>How this silo's ScanCluster grains behave.</summary>
public sealed class ScanClusterOptions
{
    /// <summary>The exchange timeout unless a silo is told otherwise.</summary>
    public static readonly TimeSpan DefaultExchangeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The longest a training step waits for its peers before it fails (a dead silo must not hang a job).</summary>
    public TimeSpan ExchangeTimeout { get; set; } = DefaultExchangeTimeout;

    /// <summary>Floats per gradient message.</summary>
    public int ChunkElements { get; set; } = AllReducePlan.DefaultChunkElements;

    /// <summary>Finished jobs the job list keeps (the newest); running jobs are always kept.</summary>
    public int KeepFinishedJobs { get; set; } = 1000;

    /// <summary>The only directory tree whose targets, decoders and outputs jobs may name (unrestricted when its path is null).</summary>
    public ArtifactRoot ArtifactRoot { get; set; } = new(null);
}

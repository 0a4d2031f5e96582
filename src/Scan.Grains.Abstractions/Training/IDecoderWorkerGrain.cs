using Orleans.Concurrency;
using Scan.Core.Training;

namespace Scan.Grains.Abstractions.Training;

/// <summary>
/// One data-parallel replica of a decoder being trained, pinned to its silo (key: "job/rank"). Workers average their
/// gradients by reduce-scatter then all-gather: each owns one segment of the flat gradient vector.
/// </summary>
[Alias("scan.IDecoderWorkerGrain")]
public interface IDecoderWorkerGrain : IGrainWithStringKey
{
    /// <summary>Loads the target, the data set and a fresh (or the checkpoint's) decoder, and says where training starts.</summary>
    [Alias("Initialize"), ResponseTimeout("00:10:00")]
    Task<WorkerReady> InitializeAsync(WorkerSetup setup);

    /// <summary>Runs one step: gradients of this worker's slice, the exchange with its peers, then the optimizer step.</summary>
    [Alias("Step"), ResponseTimeout("00:10:00")]
    Task<WorkerStepResult> StepAsync(WorkerStep step);

    /// <summary>Benchmarks only: joins an exchange of <paramref name="elements"/> synthetic values with no model.</summary>
    [Alias("InitializeExchange")]
    Task InitializeExchangeAsync(string jobId, int rank, int workers, int elements);

    /// <summary>Benchmarks only: one all-reduce of the synthetic values; returns the bytes this worker sent.</summary>
    [Alias("Exchange"), ResponseTimeout("00:05:00")]
    Task<long> ExchangeAsync(long step);

    /// <summary>Receives a peer's part of this worker's segment (reduce-scatter).</summary>
    [Alias("ReceiveReduce"), AlwaysInterleave]
    Task ReceiveReduceAsync(GradientChunk chunk);

    /// <summary>Receives a reduced part of a peer's segment (all-gather).</summary>
    [Alias("ReceiveGather"), AlwaysInterleave]
    Task ReceiveGatherAsync(GradientChunk chunk);

    /// <summary>Writes the job's checkpoint at <paramref name="position"/>.</summary>
    [Alias("SaveCheckpoint"), ResponseTimeout("00:02:00")]
    Task SaveCheckpointAsync(TrainingPosition position);

    /// <summary>Scores the replica's decoder on the held-out validation images: SCAN's and a random map's AUC-D, or null without validation.</summary>
    [Alias("Validate"), ResponseTimeout("01:00:00")]
    Task<ValidationScore?> ValidateAsync();

    /// <summary>Keeps the replica's current weights as the best validated so far.</summary>
    [Alias("SaveBest"), ResponseTimeout("00:02:00")]
    Task SaveBestAsync();

    /// <summary>Writes the trained decoder with its history.</summary>
    [Alias("SaveDecoder"), ResponseTimeout("00:02:00")]
    Task SaveDecoderAsync(EpochSummary[] history);

    /// <summary>Frees the replica's tensors and lets the activation go.</summary>
    [Alias("Release"), AlwaysInterleave]
    Task ReleaseAsync();
}

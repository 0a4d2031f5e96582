namespace Scan.Core.Training;

/// <summary>
/// One step of a training job: which samples form the global batch (data-set indices, in order), the epoch that
/// keys their random mask percentiles, and the learning rate of the optimizer step that follows.
/// </summary>
public sealed record TrainingStep(int Epoch, int StepInEpoch, long GlobalStep, int[] Indices, double LearningRate);

/// <summary>
/// The decoder replicas that run a training job's steps: one trainer in this process, or worker grains that split
/// each global batch and average their gradients. <see cref="DecoderTraining"/> drives either the same way.
/// </summary>
public interface ITrainingReplicas
{
    /// <summary>Computes the gradient of the whole batch, applies one optimizer step everywhere, and returns the batch's figures.</summary>
    Task<StepStatistics> StepAsync(TrainingStep step, CancellationToken cancellation);

    /// <summary>Writes the job's checkpoint (atomically) at <paramref name="position"/>.</summary>
    Task SaveCheckpointAsync(TrainingPosition position, CancellationToken cancellation);

    /// <summary>Scores the decoder on the held-out validation images (one replica does it); null when there are none.</summary>
    Task<ValidationScore?> ValidateAsync(CancellationToken cancellation);

    /// <summary>Keeps the current weights as the best validated so far.</summary>
    Task SaveBestAsync(CancellationToken cancellation);

    /// <summary>Writes the trained decoder (the best validated weights, when any were kept) with its <paramref name="history"/>.</summary>
    Task SaveDecoderAsync(IReadOnlyList<EpochSummary> history, CancellationToken cancellation);
}

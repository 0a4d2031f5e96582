namespace Scan.Core.Training;

/// <summary>
/// A progress report of target training: where it is (epochs and batches from 1), the mean loss and the speed since
/// the previous report, the learning rate now, and the test accuracy where it was measured (end of an epoch).
/// </summary>
public sealed record TargetTrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int BatchesPerEpoch,
    double Loss,
    double ImagesPerSecond,
    double LearningRate,
    double? TestAccuracy = null);

using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Training;

/// <summary>A step's figures summed over the workers: what the silo's metrics and the job's progress report.</summary>
public sealed record ClusterStepFigures(double ComputeSeconds, double ExchangeSeconds, long BytesSent, double StepSeconds);

/// <summary>
/// The replicas of a training job as worker grains: each global batch is cut into contiguous, nearly equal slices, one
/// per rank, so the batch and the per-sample randomness are the same for any number of workers.
/// </summary>
public sealed class GrainTrainingReplicas(IReadOnlyList<IDecoderWorkerGrain> workers, Action<ClusterStepFigures>? stepDone) : ITrainingReplicas
{
    public async Task<StepStatistics> StepAsync(TrainingStep step, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var batch = step.Indices.Length;
        var results = await Task.WhenAll(workers.Select((worker, rank) =>
        {
            var (start, end) = Slice(batch, workers.Count, rank);
            return worker.StepAsync(new WorkerStep(step.Epoch, step.GlobalStep, step.Indices[start..end], batch, step.LearningRate));
        })).WaitAsync(cancellation);
        stepDone?.Invoke(new ClusterStepFigures(results.Max(r => r.ComputeSeconds), results.Max(r => r.ExchangeSeconds), results.Sum(r => r.BytesSent), clock.Elapsed.TotalSeconds));
        var samples = results.Sum(r => r.Samples);
        return new StepStatistics(results.Sum(r => r.Loss), results.Sum(r => r.AreaSum) / Math.Max(samples, 1), samples);
    }

    public Task SaveCheckpointAsync(TrainingPosition position, CancellationToken cancellation) =>
        workers[0].SaveCheckpointAsync(TrainingJson.Write(position));

    public Task SaveDecoderAsync(IReadOnlyList<EpochSummary> history, CancellationToken cancellation) =>
        workers[0].SaveDecoderAsync(TrainingJson.Write(history));

    /// <summary>Rank <paramref name="rank"/>'s slice [start, end) of a batch of <paramref name="batch"/> among <paramref name="count"/> workers.</summary>
    public static (int Start, int End) Slice(int batch, int count, int rank) =>
        ((int)((long)batch * rank / count), (int)((long)batch * (rank + 1) / count));
}

using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Training;

/// <summary>A step's time and the slowest worker's time exchanging gradients in it (the job's exchange share).</summary>
public sealed record ClusterStepFigures(double ExchangeSeconds, double StepSeconds);

/// <summary>
/// The replicas of a training job as worker grains: each global batch is cut into micro-batches of a fixed size, and
/// the micro-batches into contiguous, nearly equal runs, one per rank. A micro-batch's gradient is the same whichever
/// worker computes it, so the summed gradient, like the per-sample randomness, does not depend on the worker count.
/// </summary>
public sealed class GrainTrainingReplicas(IReadOnlyList<IDecoderWorkerGrain> workers, int microBatch, Action<ClusterStepFigures>? stepDone) : ITrainingReplicas
{
    public async Task<StepStatistics> StepAsync(TrainingStep step, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var batch = step.Indices.Length;
        var results = await FirstFailureOrAll(workers.Select((worker, rank) =>
        {
            var (start, end) = Slice(batch, microBatch, workers.Count, rank);
            return worker.StepAsync(new WorkerStep(step.Epoch, step.GlobalStep, step.Indices[start..end], batch, step.LearningRate));
        }).ToList(), cancellation);
        stepDone?.Invoke(new ClusterStepFigures(results.Max(r => r.ExchangeSeconds), clock.Elapsed.TotalSeconds));
        var samples = results.Sum(r => r.Samples);
        return new StepStatistics(results.Sum(r => r.Loss), results.Sum(r => r.AreaSum) / Math.Max(samples, 1), samples);
    }

    public Task SaveCheckpointAsync(TrainingPosition position, CancellationToken cancellation) =>
        workers[0].SaveCheckpointAsync(position);

    public Task<ValidationScore?> ValidateAsync(CancellationToken cancellation) => workers[0].ValidateAsync();

    public Task SaveBestAsync(CancellationToken cancellation) => workers[0].SaveBestAsync();

    public Task SaveDecoderAsync(IReadOnlyList<EpochSummary> history, CancellationToken cancellation) =>
        workers[0].SaveDecoderAsync([.. history]);

    /// <summary>All results, or the first failure as soon as it happens: a dead worker must not keep the others waiting.</summary>
    private static async Task<T[]> FirstFailureOrAll<T>(List<Task<T>> tasks, CancellationToken cancellation)
    {
        var pending = tasks.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).WaitAsync(cancellation);
            await done;
            pending.Remove(done);
        }
        return tasks.Select(t => t.Result).ToArray();
    }

    /// <summary>Rank <paramref name="rank"/>'s slice [start, end) of a batch among <paramref name="count"/> workers, on micro-batch boundaries.</summary>
    public static (int Start, int End) Slice(int batch, int microBatch, int count, int rank)
    {
        var microBatches = (batch + microBatch - 1) / microBatch;
        int Boundary(int r) => Math.Min(batch, (int)((long)microBatches * r / count) * microBatch);
        return (Boundary(rank), Boundary(rank + 1));
    }
}

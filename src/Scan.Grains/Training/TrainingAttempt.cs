using Microsoft.Extensions.Logging;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;
using Scan.Grains.Placement;

namespace Scan.Grains.Training;

/// <summary>
/// One attempt at a training job: fresh workers (keys "attempt/rank") on the silos that answer now, initialised from
/// the seed or the checkpoint, driven to the end; the workers are released however the attempt ends.
/// </summary>
public sealed class TrainingAttempt(IGrainFactory grains, ISiloMetadataCache metadata, ILogger logger, string attemptId, Action<Func<JobStatus, JobStatus>> update)
{
    public async Task<IReadOnlyList<EpochSummary>> RunAsync(TrainJobRequest request, CancellationToken cancellation)
    {
        var slots = await DeviceSlots.ListAsync(grains, metadata);
        var count = request.Workers == 0 ? slots.Count : request.Workers;
        var workers = Enumerable.Range(0, count).Select(r => grains.GetGrain<IDecoderWorkerGrain>(WorkerKeys.Training(attemptId, r))).ToList();
        try
        {
            var ready = await Task.WhenAll(workers.Select((worker, rank) =>
            {
                var slot = slots[rank % slots.Count];
                var setup = new WorkerSetup(attemptId, rank, count, request with { Device = DeviceSlots.DeviceFor(slot, request.Device) });
                return WorkerPlacement.OnSilo(slot.Silo, () => worker.InitializeAsync(setup));
            }));
            if (ready.Select(r => (r.GradientLength, r.SampleCount)).Distinct().Count() != 1)
            {
                throw new InvalidOperationException($"The workers disagree on the decoder or the data: {string.Join("; ", ready.Select(r => $"{r.Silo}: {r.GradientLength} gradient elements, {r.SampleCount} samples"))}.");
            }
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Training attempt {Attempt}: {Workers} workers on {Silos}", attemptId, workers.Count, string.Join(", ", ready.Select(r => r.Silo)));
            }
            var (options, start) = StartOf(request);
            var samples = ready[0].SampleCount;
            var total = (long)samples * options.Epochs;
            update(s => s with { WorkerSilos = ready.Select(r => r.Silo).ToArray(), Workers = count, Total = total });
            var (exchangeSeconds, stepSeconds) = (0.0, 0.0);
            var replicas = new GrainTrainingReplicas(workers, options.MicroBatch, figures =>
            {
                (exchangeSeconds, stepSeconds) = (exchangeSeconds + figures.ExchangeSeconds, stepSeconds + figures.StepSeconds);
                update(s => s with { ExchangeShare = exchangeSeconds / Math.Max(stepSeconds, 1e-9) });
            });
            return await DecoderTraining.RunAsync(replicas, options, samples, start, p => update(s => s with
            {
                Done = Math.Min(total, ((long)(p.Epoch - 1) * samples) + ((long)p.Step * options.BatchSize)),
                UnitsPerSecond = p.SamplesPerSecond,
                Detail = $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch}  loss {p.Loss:F4}  area {p.MeanArea:F3}",
            }), cancellation);
        }
        finally
        {
            await ReleaseAsync(workers);
        }
    }

    /// <summary>The options and the position the job starts from: the request's from the beginning, or its checkpoint's.</summary>
    private static (DecoderTrainingOptions Options, TrainingPosition Start) StartOf(TrainJobRequest request)
    {
        if (!request.Resume)
        {
            return (request.Options, TrainingPosition.Start);
        }
        var (position, description) = TrainingCheckpoint.ReadHeader(Path.Combine(request.Output, DecoderDescription.CheckpointFileName));
        return (description.Training, position);
    }

    private async Task ReleaseAsync(IEnumerable<IDecoderWorkerGrain> workers)
    {
        try
        {
            await Task.WhenAll(workers.Select(w => w.ReleaseAsync())).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e)
        {
            logger.LogWarning("Training attempt {Attempt}: a worker could not be released ({Error}); its silo may be gone", attemptId, e.Message);
        }
    }
}

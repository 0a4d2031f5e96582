using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Core;
using Scan.Core.Evaluation;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Jobs;
using Scan.Grains.Placement;
using Scan.Grains.Training;

namespace Scan.Grains.Evaluation;

/// <summary>
/// Owns an evaluation job (key: the job id): one worker per slot, slots dealt round-robin over the active silos, one
/// shard in flight per worker. A worker that fails is replaced on another silo that answers, and its shard handed out
/// again. The record lives in grain storage: a job whose own silo dies starts again when a client next asks for it.
/// </summary>
[Reentrant]
public sealed class EvaluationJobGrain(
    ILogger<EvaluationJobGrain> logger, IOptions<ScanClusterOptions> options, ISiloMetadataCache metadata,
    [PersistentState("evaluation-job", JobStorage.Name)] IPersistentState<JobRecord<EvaluateJobRequest>> record)
    : JobGrain<EvaluateJobRequest>(logger, record, "evaluate"), IEvaluationJobGrain
{
    public Task<JobStatus> StartAsync(EvaluateJobRequest request) => StartJobAsync(request, request.Workers);

    protected override EvaluateJobRequest Checked(EvaluateJobRequest request) =>
        request.Workers < 0 || request.ShardSize < 1 || request.BatchSize < 1
            ? throw new ScanInputException($"--workers {request.Workers} (0: one per device), --shard-size {request.ShardSize}, --batch-size {request.BatchSize}: out of range.")
            : options.Value.ArtifactRoot.Resolve(request);

    protected override async Task<(string Detail, JobResult Result)> ExecuteAsync(EvaluateJobRequest request, CancellationToken cancellation)
    {
        var used = new List<IEvaluationWorkerGrain>();
        try
        {
            var slots = await DeviceSlots.ListAsync(GrainFactory, metadata);
            var workers = request.Workers == 0 ? slots.Count : request.Workers;
            var first = Worker(0, 0, used);
            var images = await WorkerPlacement.OnSilo(slots[0].Silo, () => first.PrepareAsync(For(slots[0], request)));
            var shardSize = ShardSchedule.SizeFor(images, workers, request.ShardSize);
            var progress = request.Progress is { } path
                ? JobErrors.Checked(() => EvaluationProgress.Open(path, EvaluationFingerprint.Of(request, images), shardSize))
                : null;
            var schedule = new ShardSchedule(images, progress?.ShardSize ?? shardSize);
            if (progress is not null)
            {
                JobErrors.Checked(() => progress.RestoreInto(schedule));
            }
            Update(s => s with { Total = images, Done = schedule.ImagesCompleted, Workers = workers, Detail = schedule.Completed > 0 ? $"{schedule.Completed}/{schedule.Shards.Count} shards (from the progress file)" : "starting" });
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(slot => RunSlotAsync(slot, slots, request, schedule, progress, clock, used, cancellation)));
            cancellation.ThrowIfCancellationRequested();
            return ($"{schedule.Shards.Count} shards", new JobResult(Evaluation: schedule.Sum()));
        }
        finally
        {
            foreach (var worker in used)
            {
                try
                {
                    await worker.ReleaseAsync();
                }
                catch (Exception e)
                {
                    logger.LogWarning("Evaluation job {Job}: a worker could not be released ({Error})", JobId, e.Message);
                }
            }
        }
    }

    private async Task RunSlotAsync(
        int slot, IReadOnlyList<DeviceSlot> slots, EvaluateJobRequest request, ShardSchedule schedule, EvaluationProgress? progress, Stopwatch clock,
        List<IEvaluationWorkerGrain> used, CancellationToken cancellation)
    {
        var generation = 0;
        var worker = Worker(slot, generation, used);
        var place = slots[slot % slots.Count];
        while (!cancellation.IsCancellationRequested && schedule.TryTake(out var shard))
        {
            var (start, count) = schedule.Shards[shard];
            EvaluationTotals totals;
            try
            {
                totals = await WorkerPlacement.OnSilo(place.Silo, () => worker.EvaluateShardAsync(new EvaluationShardOrder(JobId, shard, start, count, For(place, request)), cancellation));
            }
            catch (Exception e) when (!JobErrors.IsInputError(e) && !cancellation.IsCancellationRequested)
            {
                logger.LogWarning("Evaluation job {Job}: shard {Shard} failed on slot {Slot} ({Error}); handing it out again", JobId, shard, slot, e.Message);
                schedule.Retry(shard, e);
                generation++;
                slots = await DeviceSlots.ListAsync(GrainFactory, metadata);
                place = slots[(slot + generation) % slots.Count];
                worker = Worker(slot, generation, used);
                continue;
            }
            schedule.Complete(shard, totals);
            progress?.Save(schedule);
            var rate = (schedule.ImagesCompleted - schedule.ImagesRestored) / clock.Elapsed.TotalSeconds;
            Update(s => s with
            {
                Done = schedule.ImagesCompleted, UnitsPerSecond = rate,
                Detail = $"{schedule.Completed}/{schedule.Shards.Count} shards, {(s.Total - schedule.ImagesCompleted) / Math.Max(rate, 1e-9):F0} s left",
            });
        }
    }

    private static EvaluateJobRequest For(DeviceSlot slot, EvaluateJobRequest request) => request with { Device = DeviceSlots.DeviceFor(slot, request.Device) };

    private IEvaluationWorkerGrain Worker(int slot, int generation, List<IEvaluationWorkerGrain> used)
    {
        var worker = GrainFactory.GetGrain<IEvaluationWorkerGrain>(WorkerKeys.Evaluation(JobId, slot) + (generation == 0 ? "" : $".{generation}"));
        used.Add(worker);
        return worker;
    }
}

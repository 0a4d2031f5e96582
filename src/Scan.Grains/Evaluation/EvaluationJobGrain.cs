using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Core.Evaluation;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Jobs;
using Scan.Grains.Observability;
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
    : Grain, IEvaluationJobGrain, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<IEvaluationWorkerGrain> _used = [];
    private JobStatus? _status;

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _status = record.State.Status;
        if (record.State is { Request: { } request, Status.State: JobState.Running })
        {
            logger.LogWarning("Evaluation job {Job} was running when its silo went away; starting it again", JobId);
            Run(request);
        }
        return Task.CompletedTask;
    }

    public async Task<JobStatus> StartAsync(EvaluateJobRequest request)
    {
        if (_status is not null)
        {
            return _status;
        }
        if (request.Workers < 0 || request.ShardSize < 1 || request.BatchSize < 1)
        {
            throw new JobInputException($"--workers {request.Workers} (0: one per device), --shard-size {request.ShardSize}, --batch-size {request.BatchSize}: out of range.");
        }
        request = JobErrors.Checked(() => options.Value.ArtifactRoot.Resolve(request));
        _status = new JobStatus(JobId, "evaluate", JobState.Running, 0, 0, 0, "loading the methods", null, null, request.Workers);
        (record.State.Request, record.State.Status) = (request, _status);
        await record.WriteStateAsync();
        await GrainFactory.GetGrain<IJobRegistryGrain>(0).AddAsync(JobId, "evaluate");
        Run(request);
        return _status;
    }

    private void Run(EvaluateJobRequest request)
    {
        DelayDeactivation(TimeSpan.FromDays(7));
        ScanMetrics.JobState(JobId, JobState.Running);
        _ = RunAsync(request);
    }

    private async Task FinishAsync(JobStatus status)
    {
        _status = status;
        ScanMetrics.JobState(JobId, status.State);
        record.State.Status = status;
        await record.WriteStateAsync();
        DelayDeactivation(TimeSpan.FromMinutes(10));
    }

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(_status ?? JobStatus.Unknown(JobId));

    public void Dispose() => _cancellation.Dispose();

    public Task CancelAsync()
    {
        _cancellation.Cancel();
        return Task.CompletedTask;
    }

    private async Task RunAsync(EvaluateJobRequest request)
    {
        try
        {
            var slots = await DeviceSlots.ListAsync(GrainFactory, metadata);
            var workers = request.Workers == 0 ? slots.Count : request.Workers;
            var first = Worker(0, 0);
            var images = await WorkerPlacement.OnSilo(slots[0].Silo, () => first.PrepareAsync(For(slots[0], request)));
            var schedule = new ShardSchedule(images, request.ShardSize);
            _status = _status! with { Total = images, Workers = workers, Detail = $"0/{schedule.Shards.Count} shards" };
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(slot => RunSlotAsync(slot, slots, request, schedule, clock)));
            _cancellation.Token.ThrowIfCancellationRequested();
            var report = EvaluationReport.From(schedule.Sum(), request.WinAgainst);
            await FinishAsync(_status! with { State = JobState.Succeeded, Done = images, Detail = $"{schedule.Shards.Count} shards", ResultJson = report.ToJson() });
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            await FinishAsync(_status! with { State = JobState.Cancelled, Detail = "cancelled" });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Evaluation job {Job} failed", JobId);
            await FinishAsync(_status! with { State = JobState.Failed, Error = JobErrors.Describe(e), BadInput = JobErrors.IsInputError(e) });
        }
        finally
        {
            foreach (var worker in _used)
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

    private async Task RunSlotAsync(int slot, IReadOnlyList<DeviceSlot> slots, EvaluateJobRequest request, ShardSchedule schedule, Stopwatch clock)
    {
        var generation = 0;
        var worker = Worker(slot, generation);
        var place = slots[slot % slots.Count];
        while (!_cancellation.IsCancellationRequested && schedule.TryTake(out var shard))
        {
            var (start, count) = schedule.Shards[shard];
            try
            {
                var json = await WorkerPlacement.OnSilo(place.Silo, () => worker.EvaluateShardAsync(new EvaluationShardOrder(JobId, shard, start, count, For(place, request)), _cancellation.Token));
                schedule.Complete(shard, EvaluationTotals.FromJson(json));
                var rate = schedule.ImagesCompleted / clock.Elapsed.TotalSeconds;
                _status = _status! with
                {
                    Done = schedule.ImagesCompleted, UnitsPerSecond = rate,
                    Detail = $"{schedule.Completed}/{schedule.Shards.Count} shards, {(_status!.Total - schedule.ImagesCompleted) / Math.Max(rate, 1e-9):F0} s left",
                };
            }
            catch (Exception e) when (!JobErrors.IsInputError(e) && !_cancellation.IsCancellationRequested)
            {
                logger.LogWarning("Evaluation job {Job}: shard {Shard} failed on slot {Slot} ({Error}); handing it out again", JobId, shard, slot, e.Message);
                schedule.Retry(shard, e);
                generation++;
                slots = await DeviceSlots.ListAsync(GrainFactory, metadata);
                place = slots[(slot + generation) % slots.Count];
                worker = Worker(slot, generation);
            }
        }
    }

    private static EvaluateJobRequest For(DeviceSlot slot, EvaluateJobRequest request) => request with { Device = DeviceSlots.DeviceFor(slot, request.Device) };

    private IEvaluationWorkerGrain Worker(int slot, int generation)
    {
        var worker = GrainFactory.GetGrain<IEvaluationWorkerGrain>(WorkerKeys.Evaluation(JobId, slot) + (generation == 0 ? "" : $".{generation}"));
        _used.Add(worker);
        return worker;
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Core;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;
using Scan.Grains.Jobs;
using Scan.Grains.Observability;
using Scan.Grains.Placement;

namespace Scan.Grains.Training;

/// <summary>
/// Owns a decoder-training job (key: the job id). Each attempt places one worker per rank round-robin over the
/// silos that answer, and drives <see cref="DecoderTraining"/> through them. When a step fails (a worker's silo died,
/// a peer timed out) the attempt ends, and the next one resumes from the last checkpoint on the silos that remain:
/// the final weights equal an uninterrupted run's up to float rounding. The record lives in grain storage, so a job
/// whose own silo dies continues when a client next asks for it.
/// </summary>
[Reentrant]
public sealed class TrainingJobGrain(
    ILogger<TrainingJobGrain> logger, IOptions<ScanClusterOptions> options, ISiloMetadataCache metadata,
    [PersistentState("training-job", JobStorage.Name)] IPersistentState<JobRecord<TrainJobRequest>> record)
    : Grain, ITrainingJobGrain, IDisposable
{
    public const int MaxAttempts = 5;

    private readonly CancellationTokenSource _cancellation = new();
    private JobStatus? _status;

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _status = record.State.Status;
        if (record.State is { Request: { } request, Status.State: JobState.Running })
        {
            logger.LogWarning("Training job {Job} was running when its silo went away; resuming it from its last checkpoint", JobId);
            Run(request);
        }
        return Task.CompletedTask;
    }

    public async Task<JobStatus> StartAsync(TrainJobRequest request)
    {
        if (_status is not null)
        {
            return _status;
        }
        request = JobErrors.Checked(() => Validate(request));
        _status = new JobStatus(JobId, "train", JobState.Running, 0, 0, 0, "starting workers", null, null, request.Workers);
        (record.State.Request, record.State.Status) = (request, _status);
        await record.WriteStateAsync();
        await GrainFactory.GetGrain<IJobRegistryGrain>(0).AddAsync(JobId, "train");
        Run(request);
        return _status;
    }

    public Task<TrainJobRequest?> GetRequestAsync() => Task.FromResult(record.State.Request);

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(_status ?? JobStatus.Unknown(JobId));

    public void Dispose() => _cancellation.Dispose();

    public Task CancelAsync()
    {
        _cancellation.Cancel();
        return Task.CompletedTask;
    }

    private void Run(TrainJobRequest request)
    {
        DelayDeactivation(TimeSpan.FromDays(7));
        ScanMetrics.JobState(JobId, JobState.Running);
        _ = RunAsync(request);
    }

    private async Task RunAsync(TrainJobRequest request)
    {
        var checkpoint = Path.Combine(request.Output, DecoderDescription.CheckpointFileName);
        while (true)
        {
            var attempt = record.State.Attempts++;
            // The first attempt takes the request as it came; later ones continue from the checkpoint when there is one.
            var attemptRequest = attempt == 0 ? request : request with { Resume = File.Exists(checkpoint) };
            try
            {
                await record.WriteStateAsync();
                var history = await new TrainingAttempt(GrainFactory, metadata, logger, $"{JobId}.{attempt}", s => _status = s(_status!)).RunAsync(attemptRequest, _cancellation.Token);
                await FinishAsync(_status! with { State = JobState.Succeeded, Detail = $"decoder written to {request.Output}", ResultJson = TrainingJson.Write(history) });
                return;
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                await FinishAsync(_status! with { State = JobState.Cancelled, Detail = "cancelled; the last complete checkpoint is kept" });
                return;
            }
            catch (Exception e) when (!JobErrors.IsInputError(e) && attempt + 1 < MaxAttempts)
            {
                logger.LogWarning("Training job {Job}: attempt {Attempt} failed ({Error}); rolling back to the last checkpoint", JobId, attempt + 1, JobErrors.Describe(e));
                _status = _status! with { Detail = $"attempt {attempt + 1} failed ({JobErrors.Describe(e)}); rolling back to the last checkpoint" };
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, 1 << attempt)));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Training job {Job} failed", JobId);
                await FinishAsync(_status! with { State = JobState.Failed, Error = JobErrors.Describe(e), BadInput = JobErrors.IsInputError(e) });
                return;
            }
        }
    }

    private async Task FinishAsync(JobStatus status)
    {
        _status = status;
        ScanMetrics.JobState(JobId, status.State);
        record.State.Status = status;
        await record.WriteStateAsync();
        DelayDeactivation(TimeSpan.FromMinutes(10));
    }

    private TrainJobRequest Validate(TrainJobRequest request)
    {
        if (request.Workers < 0)
        {
            throw new ScanInputException($"--workers {request.Workers}: must be 0 (one per device) or more.");
        }
        request = options.Value.ArtifactRoot.Resolve(request);
        if (!Directory.Exists(request.Target))
        {
            throw new ScanInputException($"--target {request.Target}: no such directory.");
        }
        var checkpoint = Path.Combine(request.Output, DecoderDescription.CheckpointFileName);
        if (!request.Resume && (File.Exists(checkpoint) || File.Exists(Path.Combine(request.Output, DecoderDescription.WeightsFileName))))
        {
            throw new ScanInputException($"--out {request.Output} already holds a decoder or a checkpoint: pass --resume to continue it, or choose another directory.");
        }
        if (request.Resume && !File.Exists(checkpoint))
        {
            throw new ScanInputException($"--resume: {request.Output} has no {DecoderDescription.CheckpointFileName} to continue from.");
        }
        return request;
    }
}

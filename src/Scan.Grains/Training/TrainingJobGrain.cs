using Scan.Grains.Artifacts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Core;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;
using Scan.Grains.Jobs;

namespace Scan.Grains.Training;

/// <summary>
/// Owns a decoder-training job. Each attempt places one worker per device slot of the silos that answer and drives
/// <see cref="DecoderTraining"/> through them. When a step fails (a worker's silo died, a peer timed out) the attempt
/// ends, and the next one resumes from the last checkpoint on the silos that remain: the final weights equal an
/// uninterrupted run's.
/// </summary>
[Reentrant]
public sealed class TrainingJobGrain(
    ILogger<TrainingJobGrain> logger, IOptions<ScanClusterOptions> options, ISiloMetadataCache metadata,
    [PersistentState("training-job", JobStorage.Name)] IPersistentState<JobRecord<TrainJobRequest>> record)
    : JobGrain<TrainJobRequest>(logger, record, "train"), ITrainingJobGrain
{
    public const int MaxAttempts = 5;

    private OutputLock? _outputLock;

    public Task<JobStatus> StartAsync(TrainJobRequest request) => StartJobAsync(request, request.Workers);

    public Task<TrainJobRequest?> GetRequestAsync() => Task.FromResult(Record.Request);

    protected override async Task<(string Detail, JobResult Result)> ExecuteAsync(TrainJobRequest request, CancellationToken cancellation)
    {
        // A job started here holds its directory since Checked. A job resumed by a new activation (its silo died, or
        // the grain directory lost it and another activation still runs it) waits for the lock, then adopts the
        // outcome that activation stored, if any, instead of running the job twice.
        using var outputLock = _outputLock ?? await AcquireWhenFreeAsync(request.Output, cancellation);
        _outputLock = null;
        if (await StoredOutcomeAsync() is { } stored)
        {
            return stored.State == JobState.Succeeded
                ? (stored.Detail, stored.Result ?? new JobResult(History: []))
                : throw (stored.BadInput ? new JobInputException(stored.Error ?? stored.Detail) : new InvalidOperationException(stored.Error ?? stored.Detail));
        }
        var checkpoint = Path.Combine(request.Output, DecoderDescription.CheckpointFileName);
        while (true)
        {
            var attempt = Record.Attempts++;
            // The first attempt takes the request as it came; later ones continue from the checkpoint when there is one.
            var attemptRequest = attempt == 0 ? request : request with { Resume = File.Exists(checkpoint) };
            try
            {
                await SaveRecordAsync();
                var history = await new TrainingAttempt(GrainFactory, metadata, logger, $"{JobId}.{attempt}", Update).RunAsync(attemptRequest, cancellation);
                return ($"decoder written to {request.Output}", new JobResult(History: [.. history]));
            }
            catch (Exception e) when (JobErrors.IsRetryable(e) && !cancellation.IsCancellationRequested && attempt + 1 < MaxAttempts)
            {
                logger.LogWarning("Training job {Job}: attempt {Attempt} failed ({Error}); rolling back to the last checkpoint", JobId, attempt + 1, JobErrors.Describe(e));
                Update(s => s with { Detail = $"attempt {attempt + 1} failed ({JobErrors.Describe(e)}); rolling back to the last checkpoint" });
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, 1 << attempt)), cancellation);
            }
        }
    }

    private async Task<OutputLock> AcquireWhenFreeAsync(string output, CancellationToken cancellation)
    {
        var outputLock = await WaitForLockAsync(output, cancellation);
        if (Record.Attempts > 0 && outputLock.PreviousOwner is { } other && other != JobId)
        {
            outputLock.Dispose();
            throw new JobInputException($"--out {output}: job {other} wrote to it while this job was interrupted, so the checkpoint there is not this job's; start a new job.");
        }
        return outputLock;
    }

    private async Task<OutputLock> WaitForLockAsync(string output, CancellationToken cancellation)
    {
        for (var waited = 0; ; waited++)
        {
            try
            {
                return JobErrors.Checked(() => OutputLock.Acquire(output, JobId));
            }
            catch (JobInputException)
            {
                if (waited == 0)
                {
                    logger.LogWarning("Training job {Job}: {Output} is held by another activation or job; waiting for it", JobId, output);
                    Update(s => s with { Detail = $"waiting for {output}, held by another activation of this job or another job" });
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }
        }
    }

    protected override TrainJobRequest Checked(TrainJobRequest request)
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
        if (File.Exists(request.Output))
        {
            throw new ScanInputException($"--out {request.Output}: is a file; give a directory (it is created when missing).");
        }
        var checkpoint = Path.Combine(request.Output, DecoderDescription.CheckpointFileName);
        if (!request.Resume && (File.Exists(checkpoint) || DecoderStore.Exists(request.Output)))
        {
            throw new ScanInputException($"--out {request.Output} already holds a decoder or a checkpoint: pass --resume to continue it, or choose another directory.");
        }
        if (request.Resume && !File.Exists(checkpoint))
        {
            throw new ScanInputException($"--resume: {request.Output} has no {DecoderDescription.CheckpointFileName} to continue from.");
        }
        var outputLock = OutputLock.Acquire(request.Output, JobId);
        if (request.ContinuesJob is { } continued && outputLock.PreviousOwner != continued)
        {
            outputLock.Dispose();
            throw new ScanInputException(
                $"--resume {continued}: {request.Output} was last written by {(outputLock.PreviousOwner is { } other ? $"job {other}" : "no job")}, so its checkpoint is not {continued}'s.");
        }
        _outputLock = outputLock;
        return request;
    }
}

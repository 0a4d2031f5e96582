using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Scan.Core;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;
using Scan.Grains.Placement;

namespace Scan.Grains.Training;

/// <summary>
/// Owns a decoder-training job (key: the job id): places one worker per rank round-robin over the active silos,
/// drives <see cref="DecoderTraining"/> through them, and keeps the status that clients poll.
/// </summary>
[Reentrant]
public sealed class TrainingJobGrain(ILogger<TrainingJobGrain> logger, IOptions<ScanClusterOptions> options) : Grain, ITrainingJobGrain, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private JobStatus? _status;

    private string JobId => this.GetPrimaryKeyString();

    public Task<JobStatus> StartAsync(TrainJobRequest request)
    {
        if (_status is not null)
        {
            return Task.FromResult(_status);
        }
        request = JobErrors.Checked(() => Validate(request));
        _status = new JobStatus(JobId, "train", JobState.Running, 0, 0, 0, "starting workers", null, null, request.Workers);
        DelayDeactivation(TimeSpan.FromDays(7));
        _ = RunAsync(request);
        return Task.FromResult(_status);
    }

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(_status ?? JobStatus.Unknown(JobId));

    public void Dispose() => _cancellation.Dispose();

    public Task CancelAsync()
    {
        _cancellation.Cancel();
        return Task.CompletedTask;
    }

    private async Task ReleaseAsync(IEnumerable<Task> releases)
    {
        try
        {
            await Task.WhenAll(releases);
        }
        catch (Exception e)
        {
            logger.LogWarning("Training job {Job}: a worker could not be released ({Error}); its silo may be gone", JobId, e.Message);
        }
    }

    private TrainJobRequest Validate(TrainJobRequest request)
    {
        if (request.Workers < 1)
        {
            throw new ScanInputException($"--workers {request.Workers}: must be at least 1.");
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

    private async Task RunAsync(TrainJobRequest request)
    {
        var workers = Enumerable.Range(0, request.Workers).Select(r => GrainFactory.GetGrain<IDecoderWorkerGrain>(WorkerKeys.Training(JobId, r))).ToList();
        try
        {
            var silos = await WorkerPlacement.ActiveSilosAsync(GrainFactory);
            var ready = await Task.WhenAll(workers.Select((worker, rank) =>
                WorkerPlacement.OnSilo(silos[rank % silos.Count], () => worker.InitializeAsync(new WorkerSetup(JobId, rank, workers.Count, request)))));
            if (ready.Select(r => (r.GradientLength, r.SampleCount)).Distinct().Count() != 1)
            {
                throw new InvalidOperationException($"The workers disagree on the decoder or the data: {string.Join("; ", ready.Select(r => $"{r.Silo}: {r.GradientLength} floats, {r.SampleCount} samples"))}.");
            }
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Training job {Job}: {Workers} workers on {Silos}", JobId, workers.Count, string.Join(", ", ready.Select(r => r.Silo)));
            }
            _status = _status! with { WorkerSilos = ready.Select(r => r.Silo).ToArray() };
            var trainingOptions = TrainingJson.Read<DecoderTrainingOptions>(ready[0].OptionsJson, "training options");
            var start = TrainingJson.Read<TrainingPosition>(ready[0].PositionJson, "training position");
            var samples = ready[0].SampleCount;
            var total = (long)samples * trainingOptions.Epochs;
            var replicas = new GrainTrainingReplicas(workers, null);
            var history = await DecoderTraining.RunAsync(replicas, trainingOptions, samples, start, p => _status = _status! with
            {
                Done = Math.Min(total, ((long)(p.Epoch - 1) * samples) + ((long)p.Step * trainingOptions.BatchSize)),
                Total = total,
                UnitsPerSecond = p.SamplesPerSecond,
                Detail = $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch}  loss {p.Loss:F4}  area {p.MeanArea:F3}",
            }, _cancellation.Token);
            _status = _status! with { State = JobState.Succeeded, Done = total, Detail = $"decoder written to {request.Output}", ResultJson = TrainingJson.Write(history) };
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            _status = _status! with { State = JobState.Cancelled, Detail = "cancelled; the last complete checkpoint is kept" };
        }
        catch (Exception e)
        {
            logger.LogError(e, "Training job {Job} failed", JobId);
            _status = _status! with { State = JobState.Failed, Error = JobErrors.Describe(e), BadInput = JobErrors.IsInputError(e) };
        }
        finally
        {
            await ReleaseAsync(workers.Select(w => w.ReleaseAsync()));
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;
using Scan.Grains.Devices;
using Scan.Grains.Observability;

namespace Scan.Grains.Training;

/// <summary>
/// A data-parallel replica of a decoder (key "job/rank"). Tensor work runs on the worker's own device thread; the
/// turn only awaits it. Gradients are averaged by reduce-scatter then all-gather, in chunks, with every wait bounded
/// by <see cref="ScanClusterOptions.ExchangeTimeout"/> so that a dead peer fails the step instead of hanging it.
/// </summary>
[Immovable]
public sealed class DecoderWorkerGrain(ILogger<DecoderWorkerGrain> logger, IOptions<ScanClusterOptions> options, ILocalSiloDetails silo)
    : Grain, IDecoderWorkerGrain, IDisposable
{
    private DeviceThread? _device;
    private WorkerReplica? _replica;
    private PeerAllReduce? _allReduce;
    private string? _jobId;
    private double[]? _benchmarkVector;

    public async Task<WorkerReady> InitializeAsync(WorkerSetup setup)
    {
        setup = setup with { Request = JobErrors.Checked(() => options.Value.ArtifactRoot.Resolve(setup.Request)) };
        await ReleaseReplicaAsync();
        _jobId = setup.JobId;
        _device = new DeviceThread($"scan-worker-{this.GetPrimaryKeyString()}");
        var key = this.GetPrimaryKeyString();
        _replica = await _device.RunAsync(() => JobErrors.Checked(() => WorkerReplica.Load(setup.Request, w => logger.LogWarning("{Worker}: {Warning}", key, w))));
        _allReduce = NewAllReduce(new AllReducePlan(_replica.Gradient.Length, setup.Workers, options.Value.ChunkElements), setup.Rank);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Worker {Rank}/{Workers} of job {Job} loaded on {Silo}: {Elements} gradient elements", setup.Rank, setup.Workers, setup.JobId, silo.SiloAddress, _allReduce.Plan.Length);
        }
        return new WorkerReady(silo.SiloAddress.ToString(), _allReduce.Plan.Length, _replica.SampleCount);
    }

    public async Task<WorkerStepResult> StepAsync(WorkerStep step)
    {
        var (replica, device) = Loaded();
        var clock = Stopwatch.StartNew();
        var result = await device.RunAsync(() => replica.ComputeGradients(step));
        var compute = clock.Elapsed.TotalSeconds;
        var (sum, bytes) = await _allReduce!.RunAsync(step.GlobalStep, replica.Gradient);
        var exchangeSeconds = clock.Elapsed.TotalSeconds - compute;
        await device.RunAsync(() => replica.Apply(sum, step.LearningRate));
        ScanMetrics.StepDone(result.Samples, clock.Elapsed.TotalSeconds, bytes, exchangeSeconds);
        return result with { ExchangeSeconds = exchangeSeconds };
    }

    public Task InitializeExchangeAsync(string jobId, int rank, int workers, int elements)
    {
        _jobId = jobId;
        _allReduce = NewAllReduce(new AllReducePlan(elements, workers, options.Value.ChunkElements), rank);
        _benchmarkVector = Enumerable.Range(0, elements).Select(i => (double)(rank + 1) * (i % 7)).ToArray();
        return Task.CompletedTask;
    }

    public async Task<long> ExchangeAsync(long step) => (await _allReduce!.RunAsync(step, _benchmarkVector!)).BytesSent;

    public Task ReceiveReduceAsync(GradientChunk chunk)
    {
        Exchanging().ReceiveReduce(chunk);
        return Task.CompletedTask;
    }

    public Task ReceiveGatherAsync(GradientChunk chunk)
    {
        Exchanging().ReceiveGather(chunk);
        return Task.CompletedTask;
    }

    public Task SaveCheckpointAsync(TrainingPosition position)
    {
        var (replica, device) = Loaded();
        return device.RunAsync(() => replica.SaveCheckpoint(position));
    }

    public Task<ValidationScore?> ValidateAsync()
    {
        var (replica, device) = Loaded();
        return device.RunAsync(replica.Validate);
    }

    public Task SaveBestAsync()
    {
        var (replica, device) = Loaded();
        return device.RunAsync(replica.SaveBest);
    }

    public Task SaveDecoderAsync(EpochSummary[] history)
    {
        var (replica, device) = Loaded();
        return device.RunAsync(() => replica.SaveDecoder(history));
    }

    public async Task ReleaseAsync()
    {
        await ReleaseReplicaAsync();
        DeactivateOnIdle();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await ReleaseReplicaAsync();

    private async Task ReleaseReplicaAsync()
    {
        _allReduce?.AbortAll($"worker {this.GetPrimaryKeyString()} was released");
        if (_device is { } device)
        {
            var replica = _replica;
            _replica = null;
            _device = null;
            if (replica is not null)
            {
                await device.RunAsync(replica.Dispose);
            }
            device.Dispose();
        }
    }

    public void Dispose() => _device?.Dispose();

    private PeerAllReduce NewAllReduce(AllReducePlan plan, int rank) =>
        new(plan, rank, Peer, options.Value.ExchangeTimeout, this.GetPrimaryKeyString());

    private IDecoderWorkerGrain Peer(int rank) => GrainFactory.GetGrain<IDecoderWorkerGrain>(WorkerKeys.Training(_jobId!, rank));

    private PeerAllReduce Exchanging() => _allReduce
        ?? throw new InvalidOperationException($"Worker {this.GetPrimaryKeyString()} is not initialized (its silo may have restarted): the job must roll back.");

    private (WorkerReplica Replica, DeviceThread Device) Loaded() =>
        _replica is { } replica && _device is { } device && _allReduce is not null
            ? (replica, device)
            : throw new InvalidOperationException($"Worker {this.GetPrimaryKeyString()} is not initialized (its silo may have restarted): the job must roll back.");
}

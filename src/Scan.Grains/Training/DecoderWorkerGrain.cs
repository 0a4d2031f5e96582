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
    private readonly Dictionary<long, GradientExchange> _exchanges = [];
    private DeviceThread? _device;
    private WorkerReplica? _replica;
    private AllReducePlan? _plan;
    private WorkerSetup? _setup;

    private TimeSpan Timeout => options.Value.ExchangeTimeout;

    public async Task<WorkerReady> InitializeAsync(WorkerSetup setup)
    {
        setup = setup with { Request = JobErrors.Checked(() => options.Value.ArtifactRoot.Resolve(setup.Request)) };
        await ReleaseReplicaAsync();
        _setup = setup;
        _device = new DeviceThread($"scan-worker-{this.GetPrimaryKeyString()}");
        var key = this.GetPrimaryKeyString();
        _replica = await _device.RunAsync(() => JobErrors.Checked(() => WorkerReplica.Load(setup.Request, w => logger.LogWarning("{Worker}: {Warning}", key, w))));
        _plan = new AllReducePlan(_replica.Gradient.Length, setup.Workers, options.Value.ChunkElements);
        _exchanges.Clear();
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Worker {Rank}/{Workers} of job {Job} loaded on {Silo}: {Elements} gradient elements", setup.Rank, setup.Workers, setup.JobId, silo.SiloAddress, _plan.Length);
        }
        return new WorkerReady(silo.SiloAddress.ToString(), _plan.Length, _replica.SampleCount, TrainingJson.Write(_replica.Start), TrainingJson.Write(_replica.Options));
    }

    public async Task<WorkerStepResult> StepAsync(WorkerStep step)
    {
        var (replica, device, plan, rank) = Loaded();
        var clock = Stopwatch.StartNew();
        var result = await device.RunAsync(() => replica.ComputeGradients(step));
        var compute = clock.Elapsed.TotalSeconds;
        var exchange = ExchangeFor(step.GlobalStep);
        long bytes = 0;
        var sends = new List<Task>();
        for (var owner = 0; owner < plan.Workers; owner++)
        {
            foreach (var chunk in plan.Chunks(owner))
            {
                var values = replica.Gradient.AsSpan(chunk.Offset, chunk.Count);
                if (owner == rank)
                {
                    exchange.Contribute(rank, chunk.Offset, values);
                    continue;
                }
                var message = new GradientChunk(step.GlobalStep, rank, chunk.Offset, GradientExchange.ToBytes(values));
                bytes += message.Data.Length;
                sends.Add(Peer(owner).ReceiveReduceAsync(message));
            }
        }
        await Bounded(Task.WhenAll(sends), "sending its gradient segments", step);
        await Bounded(exchange.SegmentArrived, "waiting for its peers' gradient segments", step);
        var sum = exchange.ReduceSegment().ToArray();
        sends.Clear();
        var segment = plan.Segment(rank);
        foreach (var chunk in plan.Chunks(rank))
        {
            var data = GradientExchange.ToBytes(sum.AsSpan(chunk.Offset - segment.Offset, chunk.Count));
            for (var peer = 0; peer < plan.Workers; peer++)
            {
                if (peer != rank)
                {
                    bytes += data.Length;
                    sends.Add(Peer(peer).ReceiveGatherAsync(new GradientChunk(step.GlobalStep, rank, chunk.Offset, data)));
                }
            }
        }
        await Bounded(Task.WhenAll(sends), "sending its reduced segment", step);
        await Bounded(exchange.ResultArrived, "waiting for the reduced segments", step);
        _exchanges.Remove(step.GlobalStep);
        var exchangeSeconds = clock.Elapsed.TotalSeconds - compute;
        await device.RunAsync(() => replica.Apply(exchange.Result, step.LearningRate));
        ScanMetrics.StepDone(result.Samples, clock.Elapsed.TotalSeconds, bytes, exchangeSeconds);
        return result with { ComputeSeconds = compute, ExchangeSeconds = exchangeSeconds, BytesSent = bytes };
    }

    public Task ReceiveReduceAsync(GradientChunk chunk)
    {
        ExchangeFor(chunk.GlobalStep).Contribute(chunk.FromRank, chunk.Offset, GradientExchange.FromBytes(chunk.Data));
        return Task.CompletedTask;
    }

    public Task ReceiveGatherAsync(GradientChunk chunk)
    {
        ExchangeFor(chunk.GlobalStep).Gather(chunk.Offset, GradientExchange.FromBytes(chunk.Data));
        return Task.CompletedTask;
    }

    public Task SaveCheckpointAsync(string positionJson)
    {
        var (replica, device, _, _) = Loaded();
        var position = TrainingJson.Read<TrainingPosition>(positionJson, "training position");
        return device.RunAsync(() => replica.SaveCheckpoint(position));
    }

    public Task SaveDecoderAsync(string historyJson)
    {
        var (replica, device, _, _) = Loaded();
        var history = TrainingJson.Read<List<EpochSummary>>(historyJson, "training history");
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
        foreach (var exchange in _exchanges.Values)
        {
            exchange.Abort($"worker {this.GetPrimaryKeyString()} was released");
        }
        _exchanges.Clear();
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

    private GradientExchange ExchangeFor(long step)
    {
        var (_, _, plan, rank) = Loaded();
        if (!_exchanges.TryGetValue(step, out var exchange))
        {
            exchange = new GradientExchange(plan, rank);
            _exchanges[step] = exchange;
        }
        return exchange;
    }

    private IDecoderWorkerGrain Peer(int rank) => GrainFactory.GetGrain<IDecoderWorkerGrain>(WorkerKeys.Training(_setup!.JobId, rank));

    private async Task Bounded(Task task, string what, WorkerStep step)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            _exchanges.Remove(step.GlobalStep);
            throw new TimeoutException($"Worker {this.GetPrimaryKeyString()} timed out after {Timeout.TotalSeconds:F0} s {what} at step {step.GlobalStep}: a peer is gone or stalled.");
        }
    }

    private (WorkerReplica Replica, DeviceThread Device, AllReducePlan Plan, int Rank) Loaded() =>
        _replica is { } replica && _device is { } device && _plan is { } plan && _setup is { } setup
            ? (replica, device, plan, setup.Rank)
            : throw new InvalidOperationException($"Worker {this.GetPrimaryKeyString()} is not initialized (its silo may have restarted): the job must roll back.");
}

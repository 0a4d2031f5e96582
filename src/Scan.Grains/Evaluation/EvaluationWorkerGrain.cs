using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scan.Core.Evaluation;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Devices;
using Scan.Grains.Observability;

namespace Scan.Grains.Evaluation;

/// <summary>Scores an evaluation job's shards on its silo (key "job/slot"); the models stay loaded between shards.</summary>
public sealed class EvaluationWorkerGrain(ILogger<EvaluationWorkerGrain> logger, IOptions<ScanClusterOptions> options) : Grain, IEvaluationWorkerGrain
{
    private DeviceThread? _device;
    private EvaluationReplica? _replica;

    public async Task<int> PrepareAsync(EvaluateJobRequest request) => (await LoadedAsync(request)).Images;

    public async Task<EvaluationTotals> EvaluateShardAsync(EvaluationShardOrder order, CancellationToken cancellation)
    {
        var replica = await LoadedAsync(order.Request);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var totals = await _device!.RunAsync(() => replica.Score(order.Start, order.Count, cancellation));
        ScanMetrics.ShardDone(order.Count, clock.Elapsed.TotalSeconds);
        return totals;
    }

    public async Task ReleaseAsync()
    {
        await ReleaseReplicaAsync();
        DeactivateOnIdle();
    }

    private async Task ReleaseReplicaAsync()
    {
        if (_device is { } device)
        {
            var replica = _replica;
            (_device, _replica) = (null, null);
            if (replica is not null)
            {
                await device.RunAsync(replica.Dispose);
            }
            device.Dispose();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await ReleaseReplicaAsync();

    private async Task<EvaluationReplica> LoadedAsync(EvaluateJobRequest request)
    {
        if (_replica is { } loaded)
        {
            return loaded;
        }
        request = JobErrors.Checked(() => options.Value.ArtifactRoot.Resolve(request));
        _device ??= new DeviceThread($"scan-eval-{this.GetPrimaryKeyString()}");
        var key = this.GetPrimaryKeyString();
        _replica = await _device.RunAsync(() => JobErrors.Checked(() => EvaluationReplica.Load(request, w => logger.LogWarning("{Worker}: {Warning}", key, w))));
        return _replica;
    }
}

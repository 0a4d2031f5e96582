using Scan.Grains.Abstractions.Jobs;

namespace Scan.Grains.Abstractions.Evaluation;

/// <summary>
/// Owns one evaluation job: cuts the test set into shards, keeps a bounded number in flight on workers placed across
/// the silos, hands a failed shard to another worker, and adds the shards' totals in shard order.
/// </summary>
[Alias("scan.IEvaluationJobGrain")]
public interface IEvaluationJobGrain : IJobGrain
{
    /// <summary>Starts the job (once; a second start with the same id returns the current status) and returns at once.</summary>
    [Alias("Start")]
    Task<JobStatus> StartAsync(EvaluateJobRequest request);
}

using Orleans.Concurrency;
using Scan.Core.Evaluation;

namespace Scan.Grains.Abstractions.Evaluation;

/// <summary>Scores shards of an evaluation job on its silo's device (key: "job/slot"), keeping the models loaded between shards.</summary>
[Alias("scan.IEvaluationWorkerGrain")]
public interface IEvaluationWorkerGrain : IGrainWithStringKey
{
    /// <summary>Loads the target, the test set and the methods (checking the request) and returns how many images the job scores.</summary>
    [Alias("Prepare"), ResponseTimeout("00:10:00")]
    Task<int> PrepareAsync(EvaluateJobRequest request);

    /// <summary>Scores one shard and returns its totals (integers and times only); cancelling stops it between batches.</summary>
    [Alias("EvaluateShard"), ResponseTimeout("01:00:00")]
    Task<EvaluationTotals> EvaluateShardAsync(EvaluationShardOrder order, CancellationToken cancellation = default);

    /// <summary>Frees the models and lets the activation go.</summary>
    [Alias("Release"), AlwaysInterleave]
    Task ReleaseAsync();
}

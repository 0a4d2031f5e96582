using Scan.Core.Explainers;

namespace Scan.Grains.Abstractions.Evaluation;

/// <summary>
/// An evaluation job: the target (and SCAN decoder) directories, the methods and their settings, the test images to
/// score, and how the set is cut into shards for the evaluation workers. <paramref name="Perturbation"/> holds
/// the RISE and LIME settings; <paramref name="Progress"/> names a file that keeps the finished shards (see `--progress`).
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.EvaluateJobRequest")]
public sealed record EvaluateJobRequest(
    [Id(0)] string Target,
    [Id(1)] string? Decoder,
    [Id(2)] string[] Methods,
    [Id(3)] int? Limit,
    [Id(4)] int BatchSize,
    [Id(5)] double? Percentile,
    [Id(6)] string Data,
    [Id(7)] bool SkipBadFiles,
    [Id(8)] string? Layer,
    [Id(9)] string Device,
    [Id(10)] long Seed,
    [Id(11)] string WinAgainst,
    [Id(12)] int RandomMaps,
    [Id(13)] PerturbationExplainerSettings Perturbation,
    [Id(14)] int Workers,
    [Id(15)] int ShardSize,
    [Id(16)] string? Progress = null);

/// <summary>Images [<paramref name="Start"/>, Start + <paramref name="Count"/>) of the test set, shard <paramref name="Shard"/> of a job.</summary>
[GenerateSerializer, Immutable, Alias("scan.EvaluationShardOrder")]
public sealed record EvaluationShardOrder([Id(0)] string JobId, [Id(1)] int Shard, [Id(2)] int Start, [Id(3)] int Count, [Id(4)] EvaluateJobRequest Request);

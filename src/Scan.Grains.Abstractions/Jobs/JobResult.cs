using Scan.Core.Evaluation;
using Scan.Core.Training;

namespace Scan.Grains.Abstractions.Jobs;

/// <summary>
/// What a job that succeeded produced: a training job's epoch <paramref name="History"/>, or an evaluation job's
/// <paramref name="Evaluation"/> totals (the report follows from them and the request's Win% comparator).
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.JobResult")]
public sealed record JobResult([Id(0)] EpochSummary[]? History = null, [Id(1)] EvaluationTotals? Evaluation = null);

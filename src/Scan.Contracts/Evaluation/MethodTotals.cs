using Scan.Core.Metrics;

namespace Scan.Core.Evaluation;

/// <summary>
/// What one method's evaluation sums over images: perturbation hits, confidence changes, win tallies, the time
/// spent explaining, and for a random map checked with several draws the hits of each draw (draw 0 is
/// <see cref="Perturbation"/> itself), and with ground-truth masks the localisation counts. Integers and tick
/// counts only, so shards add exactly in any grouping.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.MethodTotals")]
public sealed record MethodTotals(
    [Id(0)] PerturbationCounts Perturbation, [Id(1)] ConfidenceChangeCounts Confidence, [Id(2)] DropRanking Ranking, [Id(3)] TimeSpan ExplainTime,
    [Id(4)] PerturbationCounts[] RandomDraws, [Id(5)] LocalisationCounts? Localisation = null)
{
    public static MethodTotals Empty(int methods, int randomDraws) => new(PerturbationCounts.Empty, ConfidenceChangeCounts.Empty,
        DropRanking.Empty(methods), TimeSpan.Zero, Enumerable.Repeat(PerturbationCounts.Empty, randomDraws).ToArray());

    public MethodTotals Add(MethodTotals other) => RandomDraws.Length != other.RandomDraws.Length
        ? throw new ArgumentException($"Totals of {RandomDraws.Length} and {other.RandomDraws.Length} random draws do not add.")
        : new(Perturbation.Add(other.Perturbation), Confidence.Add(other.Confidence), Ranking.Add(other.Ranking),
            ExplainTime + other.ExplainTime, RandomDraws.Zip(other.RandomDraws, (a, b) => a.Add(b)).ToArray(),
            Localisation is null ? other.Localisation : other.Localisation is null ? Localisation : Localisation.Add(other.Localisation));
}

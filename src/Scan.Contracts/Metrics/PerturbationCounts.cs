namespace Scan.Core.Metrics;

/// <summary>
/// Hits (correct top-1 predictions) at each perturbation fraction, over some images, for the most-salient-first
/// (positive) and least-salient-first (negative) orders. Counts are integers, so adding shards in any grouping gives
/// the same totals and the same AUCs.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.PerturbationCounts")]
public sealed record PerturbationCounts([Id(0)] long Images, [Id(1)] long[] PositiveHits, [Id(2)] long[] NegativeHits)
{
    /// <summary>Fractions are step/10 for step 0 … 9: 0, 0.1, …, 0.9 (SPEC.md §4).</summary>
    public const int Steps = 10;

    public static IReadOnlyList<double> Fractions { get; } = Enumerable.Range(0, Steps).Select(i => i / 10.0).ToArray();

    /// <summary>⌊pixels · step/10⌋, in integer arithmetic so that no rounding of 0.1 creeps in.</summary>
    public static long RemovedPixels(long pixels, int step) => pixels * step / 10;

    public static PerturbationCounts Empty => new(0, new long[Steps], new long[Steps]);

    public PerturbationCounts Add(PerturbationCounts other) => new(
        Images + other.Images,
        PositiveHits.Zip(other.PositiveHits, (a, b) => a + b).ToArray(),
        NegativeHits.Zip(other.NegativeHits, (a, b) => a + b).ToArray());

    /// <summary>Positive-perturbation AUC in percent (lower is better; at most 90).</summary>
    public double PositiveAuc => Auc(PositiveHits);

    /// <summary>Negative-perturbation AUC in percent (higher is better; at most 90).</summary>
    public double NegativeAuc => Auc(NegativeHits);

    /// <summary>Negative AUC minus positive AUC.</summary>
    public double AucDifference => NegativeAuc - PositiveAuc;

    /// <summary>Trapezoid rule of accuracy over x = 0, 0.1, …, 0.9, times 100.</summary>
    private double Auc(long[] hits)
    {
        if (Images == 0)
        {
            return double.NaN;
        }
        var area = 0.0;
        for (var i = 1; i < hits.Length; i++)
        {
            var width = Fractions[i] - Fractions[i - 1];
            area += width * (hits[i - 1] + hits[i]) / 2.0 / Images;
        }
        return area * 100;
    }
}

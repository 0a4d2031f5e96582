namespace Scan.Core.Metrics;

/// <summary>
/// Drop% and Increase% totals over some images (SPEC.md §4): Drop = mean(max(0, Y_c − O_c)/Y_c)·100,
/// Increase = mean(1[O_c &gt; Y_c])·100. Each image's drop fraction is rounded to a whole number of
/// 2^-32 and summed as an integer, so that adding shards in any grouping gives the same totals (a sum of
/// doubles would depend on the order of addition). 2^31 images fit before the sum could overflow.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.ConfidenceChangeCounts")]
public sealed record ConfidenceChangeCounts([Id(0)] long Images, [Id(1)] long DropUnits, [Id(2)] long Increases)
{
    /// <summary>Drop fractions are counted in units of 1/<see cref="UnitsPerDrop"/>.</summary>
    public const double UnitsPerDrop = 1L << 32;

    public static ConfidenceChangeCounts Empty => new(0, 0, 0);

    /// <summary>Each image's drop fraction max(0, Y_c − O_c)/Y_c in whole units (0 where Y_c is 0).</summary>
    public static long[] Drops(IReadOnlyList<double> clean, IReadOnlyList<double> masked)
    {
        CheckLengths(clean, masked);
        return clean.Select((y, i) => y > 0 ? (long)Math.Round(Math.Max(0, y - masked[i]) / y * UnitsPerDrop) : 0).ToArray();
    }

    /// <summary>Totals for images with clean scores Y_c and scores O_c on x ⊙ map.</summary>
    public static ConfidenceChangeCounts From(IReadOnlyList<double> clean, IReadOnlyList<double> masked)
    {
        var increases = clean.Where((y, i) => masked[i] > y).LongCount();
        return new ConfidenceChangeCounts(clean.Count, Drops(clean, masked).Sum(), increases);
    }

    public ConfidenceChangeCounts Add(ConfidenceChangeCounts other) =>
        new(Images + other.Images, DropUnits + other.DropUnits, Increases + other.Increases);

    /// <summary>Mean relative drop of the explained class's score, in percent (lower is better).</summary>
    public double Drop => Images == 0 ? double.NaN : DropUnits / UnitsPerDrop / Images * 100;

    /// <summary>Share of images whose score rises on x ⊙ map, in percent (higher is better).</summary>
    public double Increase => Images == 0 ? double.NaN : 100.0 * Increases / Images;

    private static void CheckLengths(IReadOnlyList<double> clean, IReadOnlyList<double> masked)
    {
        if (clean.Count != masked.Count)
        {
            throw new ArgumentException($"{clean.Count} clean scores but {masked.Count} scores on masked images.");
        }
    }
}

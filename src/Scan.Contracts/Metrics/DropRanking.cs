namespace Scan.Core.Metrics;

/// <summary>
/// Win% tallies of one method among methods compared on the same images, by their per-image drops in the whole
/// units of <see cref="ConfidenceChangeCounts"/> (so "equal" means equal to 2^-32). Against method j:
/// <see cref="Beats"/>[j] images with a smaller drop than j's and <see cref="Ties"/>[j] with an equal one (a method
/// ties with itself everywhere). <see cref="LowestShared"/>[k − 1]: images on which this method's drop is the
/// lowest, shared by exactly k methods. Every part is an integer count, so shards add exactly in any grouping;
/// the fractions (a tie is worth ½ pairwise and 1/k when k share the lowest drop) are taken only at the end.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.DropRanking")]
public sealed record DropRanking([Id(0)] long Images, [Id(1)] long[] Beats, [Id(2)] long[] Ties, [Id(3)] long[] LowestShared)
{
    public static DropRanking Empty(int methods) => new(0, new long[methods], new long[methods], new long[methods]);

    /// <summary>Tallies per method for <paramref name="drops"/>[method][image]: every method's drops on the same images.</summary>
    public static DropRanking[] Tally(IReadOnlyList<long[]> drops)
    {
        var methods = drops.Count;
        var images = methods == 0 ? 0 : drops[0].Length;
        if (drops.Any(d => d.Length != images))
        {
            throw new ArgumentException("Every method needs a drop for every image.");
        }
        var rankings = Enumerable.Range(0, methods).Select(_ => Empty(methods) with { Images = images }).ToArray();
        for (var image = 0; image < images; image++)
        {
            var lowest = drops.Min(d => d[image]);
            var sharing = drops.Count(d => d[image] == lowest);
            for (var i = 0; i < methods; i++)
            {
                var mine = drops[i][image];
                for (var j = 0; j < methods; j++)
                {
                    rankings[i].Beats[j] += mine < drops[j][image] ? 1 : 0;
                    rankings[i].Ties[j] += mine == drops[j][image] ? 1 : 0;
                }
                rankings[i].LowestShared[sharing - 1] += mine == lowest ? 1 : 0;
            }
        }
        return rankings;
    }

    public DropRanking Add(DropRanking other) => Beats.Length != other.Beats.Length
        ? throw new ArgumentException($"Rankings among {Beats.Length} and {other.Beats.Length} methods do not add.")
        : new(Images + other.Images, Sum(Beats, other.Beats), Sum(Ties, other.Ties), Sum(LowestShared, other.LowestShared));

    /// <summary>Pairwise Win% against method <paramref name="comparator"/>: smaller drop 1, equal drop ½, in percent.</summary>
    public double WinAgainst(int comparator) =>
        Images == 0 ? double.NaN : 100.0 * (Beats[comparator] + (Ties[comparator] / 2.0)) / Images;

    /// <summary>Win% as the lowest drop among all compared methods, a tie among k worth 1/k each, in percent.</summary>
    public double WinLowestDrop =>
        Images == 0 ? double.NaN : 100.0 * LowestShared.Select((n, k) => n / (double)(k + 1)).Sum() / Images;

    private static long[] Sum(long[] a, long[] b) => a.Zip(b, (x, y) => x + y).ToArray();
}

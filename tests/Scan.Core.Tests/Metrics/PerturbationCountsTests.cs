using Scan.Core.Metrics;

namespace Scan.Core.Tests.Metrics;

public class PerturbationCountsTests
{
    [Fact]
    public void Auc_HandWorkedCurve_IsTrapezoidTimes100()
    {
        // Accuracy 1, .75, .5, .25, 0, … : 0.1·(.875 + .625 + .375 + .125) = 0.2 → 20.
        var counts = new PerturbationCounts(4, [4, 3, 2, 1, 0, 0, 0, 0, 0, 0], [4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);

        Assert.Equal(20.0, counts.PositiveAuc, 9);
        Assert.Equal(90.0, counts.NegativeAuc, 9);
        Assert.Equal(70.0, counts.AucDifference, 9);
    }

    [Fact]
    public void Add_TwoShards_EqualsTheWholeSet()
    {
        var first = new PerturbationCounts(2, [2, 1, 1, 0, 0, 0, 0, 0, 0, 0], [2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
        var second = new PerturbationCounts(2, [2, 2, 1, 1, 0, 0, 0, 0, 0, 0], [2, 2, 2, 2, 2, 2, 2, 2, 2, 1]);

        var total = first.Add(second);

        Assert.Equal(4, total.Images);
        Assert.Equal(new long[] { 4, 3, 2, 1, 0, 0, 0, 0, 0, 0 }, total.PositiveHits);
        Assert.Equal(20.0, total.PositiveAuc, 9);
    }

    [Fact]
    public void RemovedPixels_ThirtyTwoSquared_FloorsEachFraction()
    {
        // 1024 · 0.3 = 307.2 → 307; 1024 · 0.9 = 921.6 → 921.
        Assert.Equal(307, PerturbationCounts.RemovedPixels(1024, 3));
        Assert.Equal(921, PerturbationCounts.RemovedPixels(1024, 9));
        Assert.Equal(0, PerturbationCounts.RemovedPixels(1024, 0));
    }
}

using Scan.Core.Metrics;

namespace Scan.Core.Tests.Metrics;

public class ConfidenceChangeCountsTests
{
    [Fact]
    public void From_HandWorkedScores_GivesDropAndIncrease()
    {
        // Image 0: (4/5 − 7/11)/(4/5) = (9/55)/(4/5) = 9/44. Image 1: 10/11 > 5/7, no drop, an increase.
        // Drop = (9/44 + 0)/2 · 100 = 900/88 ≈ 10.2273; Increase = 1/2 · 100.
        var counts = ConfidenceChangeCounts.From([4.0 / 5, 5.0 / 7], [7.0 / 11, 10.0 / 11]);

        Assert.Equal(2, counts.Images);
        Assert.Equal(900.0 / 88, counts.Drop, 6);
        Assert.Equal(50.0, counts.Increase, 9);
    }

    [Fact]
    public void Drops_HalfAndNoDrop_AreWholeUnits()
    {
        // 0.8 → 0.4 halves the score: 2^31 of 2^32 units. A rise counts as no drop.
        var drops = ConfidenceChangeCounts.Drops([0.8, 0.5], [0.4, 0.9]);

        Assert.Equal(new[] { 1L << 31, 0 }, drops);
    }

    [Fact]
    public void Add_TwoShards_EqualsTheWholeSet()
    {
        var whole = ConfidenceChangeCounts.From([0.8, 0.5, 0.6], [0.4, 0.9, 0.3]);

        var parts = ConfidenceChangeCounts.From([0.8], [0.4]).Add(ConfidenceChangeCounts.From([0.5, 0.6], [0.9, 0.3]));

        Assert.Equal(whole, parts);
        Assert.Equal(100.0 / 3, whole.Drop, 9);
    }
}

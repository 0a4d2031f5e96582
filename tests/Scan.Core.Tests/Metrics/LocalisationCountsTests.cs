using Scan.Core.Metrics;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Metrics;

public sealed class LocalisationCountsTests
{
    // Two 2×3 images. Object masks: image 0 covers the left column; image 1 the bottom row.
    private static Tensor Masks() => tensor(new float[] { 1, 0, 0, 1, 0, 0, /**/ 0, 0, 0, 1, 1, 1 }).reshape(2, 2, 3);

    [Fact]
    public void Score_HandCase_MatchesHandValues()
    {
        using var scope = NewDisposeScope();
        // Image 0: map 0..5 in row order, peak at (1, 2): off the object. Min-max normalised: 0, .2, .4, .6, .8, 1 (sum 3);
        // on the object: 0 + .6 = .6 → energy share 0.2. Top 50 % (3 pixels): (1,0), (1,1), (1,2); with the object {(0,0), (1,0)}:
        // intersection 1, union 4 → IoU 0.25.
        // Image 1: map peaks at (1, 0) on the object: 9, 0, 0 / 10, 5, 1 → normalised 0.9, 0, 0, 1, 0.5, 0.1 (sum 2.5);
        // on the object 1 + 0.5 + 0.1 = 1.6 → share 0.64. Top 3: (1,0), (0,0), (1,1); object (1,0), (1,1), (1,2):
        // intersection 2, union 4 → IoU 0.5.
        var maps = tensor(new float[] { 0, 1, 2, 3, 4, 5, /**/ 9, 0, 0, 10, 5, 1 }).reshape(2, 2, 3);

        var counts = LocalisationScorer.Score(maps, Masks(), topPercent: 50);

        Assert.Equal(2, counts.Images);
        Assert.Equal(1, counts.PointingHits);
        Assert.Equal(50.0, counts.PointingGame, 9);
        Assert.Equal((0.2 + 0.64) / 2 * 100, counts.EnergyPointingGame, 6);
        Assert.Equal((0.25 + 0.5) / 2 * 100, counts.TopAreaIou, 6);
    }

    [Fact]
    public void Score_ConstantMap_NoHitNoEnergy()
    {
        using var scope = NewDisposeScope();
        var counts = LocalisationScorer.Score(ones(1, 2, 3), Masks().narrow(0, 0, 1));

        Assert.Equal((0L, 0L), (counts.PointingHits, counts.EnergyMillionths));
    }

    [Fact]
    public void Add_SplitBatches_EqualTheWhole()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var maps = rand(6, 4, 4);
        var masks = rand(6, 4, 4).gt(0.6).to(float32);

        var whole = LocalisationScorer.Score(maps, masks);
        var parts = LocalisationScorer.Score(maps.narrow(0, 0, 2), masks.narrow(0, 0, 2)).Add(LocalisationScorer.Score(maps.narrow(0, 2, 4), masks.narrow(0, 2, 4)));

        Assert.Equal(whole, parts);
    }

    [Fact]
    public void Score_MismatchedShapes_Throws()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => LocalisationScorer.Score(zeros(1, 2, 3), zeros(1, 3, 2)));
    }
}

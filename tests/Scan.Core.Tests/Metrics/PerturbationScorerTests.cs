using Scan.Core.Data;
using Scan.Core.Metrics;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Metrics;

public class PerturbationScorerTests
{
    // A 1×10×10 image of ones. Class 1's logit is the sum of the first row (pixels 0–9), class 0's a constant 0.5:
    // the model answers 1 while any first-row pixel is left, 0 once all ten are removed.
    private static Scan.Core.Models.TargetModel FirstRowModel() => FunctionClassifier.Target(
        new ImageShape(1, 10, 10), 2,
        x => x,
        f => cat([full(f.shape[0], 1, 0.5f), f[.., 0, 0].sum(1, keepdim: true)], 1));

    [Fact]
    public void Score_MapOnTheDecisivePixels_GivesLowPositiveAndHighNegativeAuc()
    {
        using var model = FirstRowModel();
        using var images = ones(1, 1, 10, 10);
        using var labels = tensor(new long[] { 1 });
        using var map = zeros(1, 10, 10);
        map[0, 0] = ones(10);

        var counts = PerturbationScorer.Score(model, images, labels, map);

        // Positive: step 1 removes 10 pixels, the whole first row → misses from then on: (1+0)/2 · 0.1 · 100 = 5.
        // Negative: 90 non-first-row pixels go first, so the first row survives through p = 0.9 → 90.
        Assert.Equal(new long[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, counts.PositiveHits);
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, counts.NegativeHits);
        Assert.Equal(5.0, counts.PositiveAuc, 9);
        Assert.Equal(90.0, counts.NegativeAuc, 9);
        Assert.Equal(85.0, counts.AucDifference, 9);
    }

    [Fact]
    public void Score_ConstantMap_RemovesPixelsInIndexOrderBothWays()
    {
        using var model = FirstRowModel();
        using var images = ones(1, 1, 10, 10);
        using var labels = tensor(new long[] { 1 });
        using var map = full(1, 10, 10, 0.3f);

        var counts = PerturbationScorer.Score(model, images, labels, map);

        // Ties go by pixel index in both orders, so both remove the first row first: AUC-D = 0.
        Assert.Equal(5.0, counts.PositiveAuc, 9);
        Assert.Equal(5.0, counts.NegativeAuc, 9);
    }

    [Fact]
    public void Score_WrongReferenceClass_CountsNoHits()
    {
        using var model = FirstRowModel();
        using var images = ones(2, 1, 10, 10);
        using var labels = tensor(new long[] { 0, 1 });
        using var map = rand(2, 10, 10);

        var counts = PerturbationScorer.Score(model, images, labels, map);

        Assert.Equal(2, counts.Images);
        Assert.Equal(1, counts.PositiveHits[0]);
    }
}

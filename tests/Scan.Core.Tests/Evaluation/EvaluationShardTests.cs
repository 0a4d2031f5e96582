using Scan.Core.Data;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Masks;
using Scan.Core.Tests.Metrics;
using Scan.Core.Tests.TestModels;

namespace Scan.Core.Tests.Evaluation;

public class EvaluationShardTests
{
    private static readonly ImageShape Square = new(1, 2, 2);

    [Fact]
    public void Run_HandWorkedTwoImages_GivesDropIncreaseAndWins()
    {
        // The two images and "fixed" maps of ConfidenceScorerTests: drops 9/44 and 0, image 1 an increase.
        // "flat" maps are constant, normalise to zeros and black the image out: s = 0, softmax [1, 0]. Image 0
        // (class 1) drops from 4/5 to 0, a drop of 1; image 1 (class 0) rises from 5/7 to 1, no drop.
        using var model = LogSumClassifier.Target(Square);
        var data = new ArrayDataset(Square, ConfidenceScorerTests.Pixels, [1, 0]);
        IExplainer[] explainers = [new IndexedMaps("fixed", 2, 2, ConfidenceScorerTests.Maps), new IndexedMaps("flat", 2, 2, new float[8])];

        var totals = EvaluationShard.Run(model, data, explainers, featureGrid: 2, start: 0, count: 2, batchSize: 2);

        var (fixedMaps, flat) = (totals["fixed"], totals["flat"]);
        Assert.Equal(900.0 / 88, fixedMaps.Confidence.Drop, 6);
        Assert.Equal(50.0, fixedMaps.Confidence.Increase, 9);
        Assert.Equal(50.0, flat.Confidence.Drop, 6);
        Assert.Equal(50.0, flat.Confidence.Increase, 9);
        // Fixed beats flat on image 0 and ties on image 1: (1 + 1/2)/2 pairwise, and the same share of lowest drops.
        Assert.Equal(75.0, fixedMaps.Ranking.WinAgainst(1), 9);
        Assert.Equal(25.0, flat.Ranking.WinAgainst(0), 9);
        Assert.Equal(75.0, fixedMaps.Ranking.WinLowestDrop, 9);
        Assert.Equal(25.0, flat.Ranking.WinLowestDrop, 9);
        Assert.Empty(fixedMaps.RandomDraws);
    }

    [Fact]
    public void Run_OneShardOfEightOrTwoShardsOfFour_GiveEqualTotals()
    {
        var shape = new ImageShape(1, 4, 4);
        var pixels = Enumerable.Range(0, 8 * shape.Length).Select(p => (float)CounterRandom.UnitInterval(9, 0, 0, p)).ToArray();
        using var model = LogSumClassifier.Target(shape);
        var data = new ArrayDataset(shape, pixels, [0, 1, 1, 0, 1, 1, 0, 1]);
        IExplainer[] explainers = [new IndexedMaps("image", 4, 4, pixels), new RandomMap(shape, 3)];

        var one = EvaluationShard.Run(model, data, explainers, featureGrid: 2, start: 0, count: 8, batchSize: 8, randomMaps: 3);
        var two = EvaluationShard.Run(model, data, explainers, 2, 0, 4, batchSize: 3, randomMaps: 3)
            .Add(EvaluationShard.Run(model, data, explainers, 2, 4, 4, batchSize: 4, randomMaps: 3));

        foreach (var method in one.Methods)
        {
            var (whole, parts) = (one[method], two[method]);
            Assert.Equal(whole.Perturbation.PositiveHits, parts.Perturbation.PositiveHits);
            Assert.Equal(whole.Perturbation.NegativeHits, parts.Perturbation.NegativeHits);
            Assert.Equal(whole.Confidence, parts.Confidence);
            Assert.Equal(whole.Ranking.Beats, parts.Ranking.Beats);
            Assert.Equal(whole.Ranking.Ties, parts.Ranking.Ties);
            Assert.Equal(whole.Ranking.LowestShared, parts.Ranking.LowestShared);
            Assert.Equal(whole.RandomDraws.Select(d => d.PositiveHits), parts.RandomDraws.Select(d => d.PositiveHits));
            Assert.Equal(whole.RandomDraws.Select(d => d.NegativeHits), parts.RandomDraws.Select(d => d.NegativeHits));
        }
        Assert.Equal(8, one["image"].Confidence.Images);
        Assert.True(one["random"].Confidence.DropUnits > 0);
        Assert.Equal(3, one["random"].RandomDraws.Length);
        Assert.Equal(one["random"].Perturbation.PositiveHits, one["random"].RandomDraws[0].PositiveHits);
    }
}

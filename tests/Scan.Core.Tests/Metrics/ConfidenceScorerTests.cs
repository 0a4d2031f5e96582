using Scan.Core.Data;
using Scan.Core.Metrics;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Metrics;

public class ConfidenceScorerTests
{
    // Image 0: ones, s = 4, class 1 with Y = 4/5. Its map [[4, 2], [0, 1]] min-max normalises to [[1, .5], [0, .25]],
    // so x ⊙ map sums to 1.75 and O = 1.75/2.75 = 7/11.
    // Image 1: 0.1 everywhere, s = 0.4, class 0 with Y = 1/1.4 = 5/7. Its map keeps the first pixel alone: s = 0.1,
    // O = 1/1.1 = 10/11.
    internal static readonly float[] Pixels = [1, 1, 1, 1, 0.1f, 0.1f, 0.1f, 0.1f];
    internal static readonly float[] Maps = [4, 2, 0, 1, 1, 0, 0, 0];

    [Fact]
    public void ClassScores_CleanImages_AreSoftmaxOfTheChosenClasses()
    {
        using var model = LogSumClassifier.Target(new ImageShape(1, 2, 2));
        using var images = tensor(Pixels, [2, 1, 2, 2]);
        using var logits = model.Logits(images);

        var scores = ConfidenceScorer.ClassScores(logits, tensor(new long[] { 1, 0 }));

        Assert.Equal(4.0 / 5, scores[0], 6);
        Assert.Equal(5.0 / 7, scores[1], 6);
    }

    [Fact]
    public void MaskedScores_HandWorkedMaps_ScoreTheImageTimesTheNormalisedMap()
    {
        using var model = LogSumClassifier.Target(new ImageShape(1, 2, 2));
        using var images = tensor(Pixels, [2, 1, 2, 2]);
        using var maps = tensor(Maps, [2, 2, 2]);

        var scores = ConfidenceScorer.MaskedScores(model, images, tensor(new long[] { 1, 0 }), maps);

        Assert.Equal(7.0 / 11, scores[0], 6);
        Assert.Equal(10.0 / 11, scores[1], 6);
    }
}

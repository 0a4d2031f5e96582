using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class GradCamPlusPlusTests
{
    // A0 = [[1, 0], [0, 1]] (ΣA0 = 2), A1 = [[0, 2], [1, 0]] (ΣA1 = 3); g0 = [[1, 0.5], [0, −0.5]], g1 = 0.5 everywhere.
    private static readonly float[] Features = [1, 0, 0, 1, 0, 2, 1, 0];
    private static readonly float[] Gradients = [1, 0.5f, 0, -0.5f, 0.5f, 0.5f, 0.5f, 0.5f];

    [Fact]
    public void ChannelWeights_HandCase_MatchesTheClosedForm()
    {
        // α = g² / (2g² + ΣA·g³) = 1 / (2 + ΣA·g) where g ≠ 0.
        // Channel 0: g = 1 → α = 1/4; g = 0.5 → α = 1/3; g = 0 → α = 0; g = −0.5 → ReLU(g) = 0.
        //   w0 = 1/4·1 + 1/3·0.5 = 5/12.
        // Channel 1: g = 0.5 → α = 1/(2 + 1.5) = 2/7 at all four positions; w1 = 4·2/7·0.5 = 4/7.
        using var features = tensor(Features).reshape(1, 2, 2, 2);
        using var gradients = tensor(Gradients).reshape(1, 2, 2, 2);

        using var weights = GradCamPlusPlus.ChannelWeights(features, gradients);

        Assert.Equal(new long[] { 1, 2, 1, 1 }, weights.shape);
        Assert.Equal(new[] { 5 / 12f, 4 / 7f }, weights.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void ChannelWeights_ZeroDenominator_GivesZeroNotNaN()
    {
        // ΣA = 2 and g = −1: 2g² + ΣA·g³ = 2 − 2 = 0, so α is set to 0; g = 0 gives 0/0, also set to 0.
        using var features = tensor(new float[] { 1, 1 }).reshape(1, 1, 1, 2);
        using var gradients = tensor(new float[] { -1, 0 }).reshape(1, 1, 1, 2);

        using var weights = GradCamPlusPlus.ChannelWeights(features, gradients);

        Assert.Equal(0f, weights.item<float>());
    }

    [Fact]
    public void Explain_HandCase_WeighsChannelsByTheClosedForm()
    {
        // Map = 5/12·A0 + 4/7·A1 = [[5/12, 8/7], [4/7, 5/12]]; min-max → [[0, 1], [(4/7 − 5/12)/(8/7 − 5/12), 0]]
        // = [[0, 1], [13/61, 0]] (Grad-CAM's weights 1/4 and 1/2 would give 1/3 there).
        using var gradients = tensor(Gradients).reshape(2, 2, 2);
        using var model = FunctionClassifier.Linear(gradients);
        using var images = tensor(Features).reshape(1, 2, 2, 2);
        using var classes = tensor(new long[] { 0 });

        using var map = new GradCamPlusPlus(model, "features").Explain(images, classes);

        Assert.Equal(new long[] { 1, 2, 2 }, map.shape);
        Assert.Equal(new[] { 0f, 1f, 13 / 61f, 0f }, map.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }
}

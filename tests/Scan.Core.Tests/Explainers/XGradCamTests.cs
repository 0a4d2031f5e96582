using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class XGradCamTests
{
    // A0 = [[1, 0], [0, 1]] (ΣA0 = 2), A1 = [[0, 2], [1, 0]] (ΣA1 = 3); g0 = [[1, 0.5], [0, −0.5]], g1 = [[0, 1], [0.5, 0]].
    private static readonly float[] Features = [1, 0, 0, 1, 0, 2, 1, 0];
    private static readonly float[] Gradients = [1, 0.5f, 0, -0.5f, 0, 1, 0.5f, 0];

    [Fact]
    public void ChannelWeights_HandCase_AreActivationWeightedGradients()
    {
        // w0 = (1·1 + 1·(−0.5)) / 2 = 1/4; w1 = (2·1 + 1·0.5) / 3 = 5/6.
        using var features = tensor(Features).reshape(1, 2, 2, 2);
        using var gradients = tensor(Gradients).reshape(1, 2, 2, 2);

        using var weights = XGradCam.ChannelWeights(features, gradients);

        Assert.Equal(new long[] { 1, 2, 1, 1 }, weights.shape);
        Assert.Equal(new[] { 0.25f, 5 / 6f }, weights.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void ChannelWeights_ChannelWithoutActivation_WeighsZero()
    {
        using var features = zeros(1, 1, 2, 2);
        using var gradients = ones(1, 1, 2, 2);

        using var weights = XGradCam.ChannelWeights(features, gradients);

        Assert.Equal(0f, weights.item<float>());
    }

    [Fact]
    public void Explain_HandCase_WeighsChannelsByActivationWeightedGradients()
    {
        // Map = 1/4·A0 + 5/6·A1 = [[1/4, 5/3], [5/6, 1/4]]; min-max → [[0, 1], [(5/6 − 1/4)/(5/3 − 1/4), 0]] = [[0, 1], [7/17, 0]].
        using var gradients = tensor(Gradients).reshape(2, 2, 2);
        using var model = FunctionClassifier.Linear(gradients);
        using var images = tensor(Features).reshape(1, 2, 2, 2);
        using var classes = tensor(new long[] { 0 });

        using var map = new XGradCam(model, "features").Explain(images, classes);

        Assert.Equal(new[] { 0f, 1f, 7 / 17f, 0f }, map.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }
}

using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class RiseMasksTests
{
    [Fact]
    public void Saliency_TwoGivenMasks_IsTheScoreWeightedSumOverNTimesP()
    {
        // M₁ = [1, 0], M₂ = [0.5, 1], scores 0.8 and 0.4, p₁ = 0.5: (0.8·M₁ + 0.4·M₂)/(2·0.5) = [1.0, 0.4].
        using var masks = tensor(new float[] { 1, 0, 0.5f, 1 }).reshape(2, 1, 2);
        using var scores = tensor(new float[] { 0.8f, 0.4f }).reshape(1, 2);

        using var saliency = RiseMasks.Saliency(scores, masks, 0.5);

        Assert.Equal(new long[] { 1, 1, 2 }, saliency.shape);
        Assert.Equal(new[] { 1.0f, 0.4f }, saliency.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameMasksAndAnotherSeedOthers()
    {
        using var first = RiseMasks.Generate(20, 4, 0.5, 12, 12, 5);
        using var second = RiseMasks.Generate(20, 4, 0.5, 12, 12, 5);
        using var other = RiseMasks.Generate(20, 4, 0.5, 12, 12, 6);

        Assert.Equal(new long[] { 20, 12, 12 }, first.shape);
        Assert.Equal(first.data<float>().ToArray(), second.data<float>().ToArray());
        Assert.NotEqual(first.data<float>().ToArray(), other.data<float>().ToArray());
    }

    [Fact]
    public void Generate_ManyMasks_LieInTheUnitIntervalWithMeanNearP()
    {
        using var masks = RiseMasks.Generate(500, 4, 0.3, 16, 16, 1);

        Assert.True(masks.min().item<float>() >= 0);
        Assert.True(masks.max().item<float>() <= 1);
        Assert.Equal(0.3, masks.mean().item<float>(), 0.03);
    }

    [Fact]
    public void Generate_OneCellAlwaysKept_IsAllOnes()
    {
        using var masks = RiseMasks.Generate(3, 1, 1.0, 5, 7, 1);

        Assert.Equal(new long[] { 3, 5, 7 }, masks.shape);
        Assert.All(masks.data<float>().ToArray(), v => Assert.Equal(1f, v, 1e-6f));
    }
}

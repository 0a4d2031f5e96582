using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class LimeKernelTests
{
    [Fact]
    public void KernelWeights_FourSuperpixels_AreRootExpOfMinusSquaredCosineDistanceOverWidthSquared()
    {
        // Cosine distance to [1,1,1,1]: all on 0; two on 1 − 2/(√2·2) = 1 − 1/√2; one on 1 − 1/2; none 1 (by convention).
        // Width 0.25: √exp(−d²/0.0625) = exp(−8d²) → 1, exp(−8(1 − 1/√2)²) = 0.503440, exp(−2) = 0.135335, exp(−8).
        using var samples = tensor(new float[] { 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }).reshape(4, 4);

        using var weights = Lime.KernelWeights(samples, 0.25);

        var expected = new[] { 1f, 0.503440f, (float)Math.Exp(-2), (float)Math.Exp(-8) };
        Assert.Equal(expected, weights.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void KernelWeights_WiderKernel_WeighsDistantSamplesMore()
    {
        using var samples = tensor(new float[] { 1, 0, 0, 0 }).reshape(1, 4);

        using var narrow = Lime.KernelWeights(samples, 0.25);
        using var wide = Lime.KernelWeights(samples, 1);

        // d = 0.5: exp(−0.125) for width 1.
        Assert.Equal(Math.Exp(-0.125), wide.item<float>(), 5);
        Assert.True(wide.item<float>() > narrow.item<float>());
    }
}

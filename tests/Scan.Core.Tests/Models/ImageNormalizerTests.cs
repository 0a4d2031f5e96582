using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Models;

public sealed class ImageNormalizerTests
{
    public ImageNormalizerTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Apply_TwoChannels_SubtractsMeanAndDividesByStdPerChannel()
    {
        using var scope = NewDisposeScope();
        using var normalizer = new ImageNormalizer(new Normalization([0.5f, 0.25f], [0.25f, 0.5f]), 2, CPU);
        var images = tensor(new float[] { 1, 0, 0.25f, 1.25f }).reshape(1, 2, 1, 2);

        var normalised = normalizer.Apply(images);

        // Channel 0: (1 − 0.5) / 0.25 = 2, (0 − 0.5) / 0.25 = −2; channel 1: (0.25 − 0.25) / 0.5 = 0, (1.25 − 0.25) / 0.5 = 2.
        Assert.Equal([2f, -2, 0, 2], normalised.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Invert_NormalisedValues_ReturnsPixelsClampedToUnitRange()
    {
        using var scope = NewDisposeScope();
        using var normalizer = new ImageNormalizer(new Normalization([0.5f], [0.25f]), 1, CPU);
        var normalised = tensor(new float[] { 2, -2, 0, 3 }).reshape(1, 1, 1, 4);

        var pixels = normalizer.Invert(normalised);

        // 2·0.25 + 0.5 = 1; −2·0.25 + 0.5 = 0; 0 → 0.5; 3·0.25 + 0.5 = 1.25 → clamped to 1.
        Assert.Equal([1f, 0, 0.5f, 1], pixels.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Constructor_ChannelCountMismatch_ThrowsScanInputException()
    {
        Assert.Throws<ScanInputException>(() => new ImageNormalizer(Normalization.FashionMnist, 3, CPU));
    }
}

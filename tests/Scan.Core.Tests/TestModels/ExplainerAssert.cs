using Scan.Core.Explainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.TestModels;

/// <summary>Checks shared by the tests of seeded explainers.</summary>
internal static class ExplainerAssert
{
    /// <summary>
    /// Two explainers made alike give maps spanning exactly [0, 1], and an image's map is the same whether it is
    /// explained in a batch of two or alone.
    /// </summary>
    public static void SameMapsInTheUnitIntervalWhateverTheBatch(IExplainer first, IExplainer second, long channels, long size, long[] classes)
    {
        using var generator = new Generator(4);
        using var images = rand([2, channels, size, size], generator: generator);
        using var chosen = tensor(classes);

        using var together = first.Explain(images, chosen);
        using var alone = second.Explain(images[1..], chosen[1..]);

        Assert.Equal(0f, together.min().item<float>());
        Assert.Equal(1f, together.max().item<float>());
        Assert.Equal(together[1..].data<float>().ToArray(), alone.data<float>().ToArray());
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>How many ×2 upsampling stages take a feature grid to the input size, and which configured widths they use.</summary>
public static class DecoderStages
{
    /// <summary>log₂(S/g); S/g must be a power of two (1 gives no stage).</summary>
    public static int Count(int featureGrid, int imageSize)
    {
        if (featureGrid <= 0 || imageSize % featureGrid != 0 || !IsPowerOfTwo(imageSize / featureGrid))
        {
            throw new ScanInputException(
                $"A {featureGrid}×{featureGrid} feature grid cannot be upsampled to the {imageSize}×{imageSize} input by doubling: " +
                $"{imageSize}/{featureGrid} is not a power of two. Choose a layer whose grid is the input size divided by 2, 4, 8, ….");
        }
        return (int)Math.Log2(imageSize / featureGrid);
    }

    /// <summary>
    /// The last <paramref name="count"/> entries of <paramref name="configured"/> (the setting <paramref name="settingName"/>).
    /// When the setting is its default list and too short, the list is extended at its front, each new entry
    /// <paramref name="widen"/> of the one after it.
    /// </summary>
    public static int[] Widths(IReadOnlyList<int> configured, int count, string settingName, IReadOnlyList<int> defaults, Func<int, int> widen)
    {
        if (configured.Count < count && configured.SequenceEqual(defaults))
        {
            var extended = configured.ToList();
            while (extended.Count < count)
            {
                extended.Insert(0, widen(extended[0]));
            }
            return [.. extended];
        }
        if (configured.Count < count)
        {
            throw new ScanInputException(
                $"ScanSettings.{settingName} lists {configured.Count} widths [{string.Join(", ", configured)}]; this decoder needs {count}.");
        }
        return configured.Skip(configured.Count - count).ToArray();
    }

    /// <summary>
    /// One ×2 upsampling from <paramref name="inputs"/> to <paramref name="outputs"/> channels: bilinear resize then a 3×3
    /// convolution (every output pixel gets the same taps: no checkerboard), or a stride-2 transposed convolution (k3, padding 1,
    /// output padding 1), whose taps alternate with the pixel's parity.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Upsampling(int inputs, int outputs, bool resizeConvolution) => resizeConvolution
        ? nn.Sequential(("resize", nn.Upsample(scale_factor: [2, 2], mode: UpsampleMode.Bilinear, align_corners: false)), ("conv", nn.Conv2d(inputs, outputs, 3, padding: 1)))
        : nn.ConvTranspose2d(inputs, outputs, 3, stride: 2, padding: 1, output_padding: 1);

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;
}

using Scan.Core.Imaging;
using static TorchSharp.torch;

namespace Scan.Core.Losses;

/// <summary>Eq. 7: the reconstruction target Ỹ, the normalised input blurred to what a feature grid of s_f can hold.</summary>
public static class ReconstructionTarget
{
    /// <summary>
    /// Ỹ for normalised images [B, C, S, S] and a feature grid of <paramref name="featureGrid"/>: the Gaussian blur of
    /// <see cref="ScanSettings.BlurVariant"/>, or the images themselves when <see cref="ScanSettings.UseBlurTarget"/> is off.
    /// </summary>
    public static Tensor Compute(Tensor normalisedImages, int featureGrid, ScanSettings settings)
    {
        if (!settings.UseBlurTarget)
        {
            return normalisedImages.alias();
        }
        var (kernelSize, sigma) = GaussianBlur.Parameters((int)normalisedImages.shape[^1], featureGrid, settings.BlurVariant);
        return GaussianBlur.Apply(normalisedImages, kernelSize, sigma);
    }
}

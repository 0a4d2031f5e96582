using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Imaging;

/// <summary>
/// A separable Gaussian blur of [B, C, H, W] images, channel by channel, with reflect padding (torchvision's
/// <c>gaussian_blur</c>: taps exp(−x²/2σ²) at x = −(k−1)/2 … (k−1)/2, normalised to sum 1).
/// </summary>
public static class GaussianBlur
{
    /// <summary>
    /// Kernel size and σ for an input of size S and a feature grid of size s_f (SPEC.md §2):
    /// paper k = 2⌊S/s_f⌋ + 1, σ = S/(2 s_f); reference code σ = S/s_f, k = 2⌊σ⌋ + 1.
    /// </summary>
    public static (int KernelSize, double Sigma) Parameters(int inputSize, int featureGrid, BlurVariant variant)
    {
        if (inputSize <= 0 || featureGrid <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureGrid), $"input size {inputSize} and feature grid {featureGrid} must be positive.");
        }
        return variant switch
        {
            BlurVariant.Paper => ((2 * (inputSize / featureGrid)) + 1, inputSize / (2.0 * featureGrid)),
            BlurVariant.Reference => ((2 * (int)Math.Floor(inputSize / (double)featureGrid)) + 1, inputSize / (double)featureGrid),
            _ => throw new ScanInputException($"ScanSettings.BlurVariant = {variant} is not supported."),
        };
    }

    /// <summary>The normalised 1-D kernel [k] (float64 on the CPU unless told otherwise).</summary>
    public static Tensor Kernel1d(int kernelSize, double sigma, ScalarType dtype = ScalarType.Float64, Device? device = null)
    {
        if (kernelSize <= 0 || kernelSize % 2 == 0 || !(sigma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), $"kernel size {kernelSize} must be odd and positive, σ {sigma} positive.");
        }
        var half = (kernelSize - 1) / 2;
        var weights = new double[kernelSize];
        for (var i = 0; i < kernelSize; i++)
        {
            var x = i - half;
            weights[i] = Math.Exp(-(x * x) / (2 * sigma * sigma));
        }
        var sum = weights.Sum();
        return tensor(weights.Select(w => w / sum).ToArray(), dtype: dtype, device: device);
    }

    /// <summary>
    /// The largest kernel that reflect padding allows on an image side of <paramref name="size"/> pixels: reflection
    /// needs pad ≤ size − 1, so k ≤ 2(size − 1) + 1. A larger kernel is clamped to it (σ kept, the tails beyond the
    /// clamp dropped and the rest renormalised) rather than switching to another padding.
    /// </summary>
    public static int ClampKernelSize(int kernelSize, int size) => Math.Min(kernelSize, (2 * (size - 1)) + 1);

    /// <summary>Blurs images [B, C, H, W] on their device and in their dtype.</summary>
    public static Tensor Apply(Tensor images, int kernelSize, double sigma)
    {
        using var scope = NewDisposeScope();
        if (images.dim() != 4)
        {
            throw new ArgumentException($"Expected images [B, C, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        }
        var (batch, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        var size = ClampKernelSize(kernelSize, (int)Math.Min(height, width));
        if (size <= 1)
        {
            return images.alias().MoveToOuterDisposeScope();
        }
        var pad = (size - 1) / 2;
        var kernel = Kernel1d(size, sigma, images.dtype, images.device);
        var planes = images.reshape(batch * channels, 1, height, width);
        var padded = nn.functional.pad(planes, (pad, pad, pad, pad), PaddingModes.Reflect);
        var rows = nn.functional.conv2d(padded, kernel.reshape(1, 1, 1, size));
        var blurred = nn.functional.conv2d(rows, kernel.reshape(1, 1, size, 1));
        return blurred.reshape(batch, channels, height, width).MoveToOuterDisposeScope();
    }
}

using Scan.Core.Imaging;
using Scan.Core.Native;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Imaging;

public sealed class GaussianBlurTests
{
    public GaussianBlurTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Theory]
    [InlineData(224, 7, 65, 16.0)] // 2⌊224/7⌋ + 1 = 65, 224/14 = 16 (ResNet-50)
    [InlineData(224, 14, 33, 8.0)] // 2·16 + 1 = 33, 224/28 = 8 (ViT-B/16)
    [InlineData(32, 8, 9, 2.0)] // 2·4 + 1 = 9, 32/16 = 2 (this project's 32×32 targets)
    [InlineData(32, 7, 9, 2.2857142857142856)] // 2⌊4.57⌋ + 1 = 9, 32/14
    public void Parameters_Paper_MatchesEquationSeven(int size, int grid, int kernel, double sigma)
    {
        var (k, s) = GaussianBlur.Parameters(size, grid, BlurVariant.Paper);
        Assert.Equal(kernel, k);
        Assert.Equal(sigma, s, 12);
    }

    [Theory]
    [InlineData(224, 7, 65, 32.0)] // σ = 224/7 = 32, k = 2·32 + 1
    [InlineData(32, 8, 9, 4.0)]
    [InlineData(32, 7, 9, 4.571428571428571)] // σ = 32/7, k = 2⌊4.57⌋ + 1
    public void Parameters_Reference_UsesTheReferenceCodesFormula(int size, int grid, int kernel, double sigma)
    {
        var (k, s) = GaussianBlur.Parameters(size, grid, BlurVariant.Reference);
        Assert.Equal(kernel, k);
        Assert.Equal(sigma, s, 12);
    }

    [Fact]
    public void Kernel1d_SmallSigma_MatchesHandValues()
    {
        // σ = 1, k = 3: taps e^−½ = 0.6065307, 1, 0.6065307, sum 2.2130613 → 0.2740686, 0.4518628, 0.2740686.
        // σ = 1, k = 5: taps e^−2 = 0.1353353, 0.6065307, 1, … sum 2.4837319 → 0.0544887, 0.2442013, 0.4026199, …
        using var scope = NewDisposeScope();
        var three = GaussianBlur.Kernel1d(3, 1).data<double>().ToArray();
        var five = GaussianBlur.Kernel1d(5, 1).data<double>().ToArray();
        Assert.Equal([0.2740686, 0.4518628, 0.2740686], three.Select(v => Math.Round(v, 7)));
        Assert.Equal([0.0544887, 0.2442013, 0.4026199, 0.2442013, 0.0544887], five.Select(v => Math.Round(v, 7)));
        Assert.Equal(1, GaussianBlur.Kernel1d(65, 16).sum().item<double>(), 12);
    }

    [Fact]
    public void Apply_ConstantImage_StaysConstant()
    {
        using var scope = NewDisposeScope();
        var images = full(2, 3, 16, 16, 0.7f);
        var blurred = GaussianBlur.Apply(images, 9, 2);
        Assert.Equal(images.shape, blurred.shape);
        Assert.True(blurred.sub(0.7f).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Apply_Impulse_GivesKernelOuterProductAwayFromBorders()
    {
        // An impulse at (3, 3) of a 7×7 image, k = 3, σ = 1: the 3×3 neighbourhood holds w ⊗ w, the rest 0.
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 7, 7);
        image[0, 0, 3, 3] = tensor(1f);
        var blurred = GaussianBlur.Apply(image, 3, 1)[0, 0];
        double[] w = [0.2740686, 0.4518628, 0.2740686];
        for (var row = 0; row < 7; row++)
        {
            for (var column = 0; column < 7; column++)
            {
                var inside = Math.Abs(row - 3) <= 1 && Math.Abs(column - 3) <= 1;
                var expected = inside ? w[row - 2] * w[column - 2] : 0;
                Assert.Equal(expected, blurred[row, column].item<float>(), 1e-6);
            }
        }
    }

    [Fact]
    public void Apply_ColumnAtTheBorder_ReflectsWithoutRepeatingTheEdge()
    {
        // Ones in column 1 of a 5×5 image, k = 3, σ = 1. Reflect padding puts column 1 left of column 0, so
        // out[·, 0] = w₋₁ + w₊₁ = 0.5481372 (zero or replicate padding would give 0.2740686); out[·, 1] = 0.4518628.
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 5, 5);
        image[.., .., .., 1] = tensor(1f);
        var blurred = GaussianBlur.Apply(image, 3, 1)[0, 0];
        Assert.Equal(0.5481372f, blurred[2, 0].item<float>(), 1e-6f);
        Assert.Equal(0.4518628f, blurred[2, 1].item<float>(), 1e-6f);
        Assert.Equal(0.2740686f, blurred[2, 2].item<float>(), 1e-6f);
    }

    [Fact]
    public void Apply_KernelWiderThanReflectionAllows_ClampsTheKernel()
    {
        // A 3×3 image allows pad ≤ 2, so k = 9 (σ = 2) is clamped to k = 5 with σ = 2 kept:
        // taps e^(−x²/8) = 0.6065307, 0.8824969, 1, 0.8824969, 0.6065307, sum 3.9780551.
        // Ones in column 0; padded row: x₂ x₁ | x₀ x₁ x₂ | x₁ x₀. out[0] = w₀ = 1/3.9780551 = 0.2513791;
        // out[1] = w₋₁ = 0.2218413; out[2] = w₋₂ + w₊₂ = 0.3049383.
        Assert.Equal(5, GaussianBlur.ClampKernelSize(9, 3));
        Assert.Equal(63, GaussianBlur.ClampKernelSize(65, 32));
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 3, 3);
        image[.., .., .., 0] = tensor(1f);
        var blurred = GaussianBlur.Apply(image, 9, 2)[0, 0];
        Assert.Equal(0.2513791f, blurred[1, 0].item<float>(), 1e-6f);
        Assert.Equal(0.2218413f, blurred[1, 1].item<float>(), 1e-6f);
        Assert.Equal(0.3049383f, blurred[1, 2].item<float>(), 1e-6f);
    }

    [Fact]
    public void Apply_PaperKernelOnSmallImage_DoesNotThrow()
    {
        // S = 32 with a 1×1 grid would ask for k = 65 (pad 32 = S): clamped to 63.
        using var scope = NewDisposeScope();
        var (k, sigma) = GaussianBlur.Parameters(32, 1, BlurVariant.Paper);
        var blurred = GaussianBlur.Apply(full(1, 1, 32, 32, 2f), k, sigma);
        Assert.True(blurred.sub(2f).abs().max().item<float>() < 1e-5f);
    }
}

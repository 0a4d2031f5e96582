using Scan.Core.Losses;
using Scan.Core.Native;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Losses;

public sealed class StretchedSineTests
{
    public StretchedSineTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    private static float[] Apply(float[] raw, double constant = 0.15)
    {
        using var scope = NewDisposeScope();
        return StretchedSine.Apply(tensor(raw), constant).data<float>().ToArray();
    }

    [Fact]
    public void Apply_PaperConstant_MatchesHandValues()
    {
        // y = 0:  sign 0 → (0 + 1)/2 = 0.5.
        // y = 1:  2π·1/8.15 = 0.770943, sin = 0.696812 → 0.848406.
        // y = 2:  2π·2/8.3 = 1.514021, sin = 0.998389 → 0.999194.
        // y = −2: sign −1 → (−0.998389 + 1)/2 = 0.000806.
        // y = 4:  2π·4/8.6 = 2.922412, sin = 0.217430 → 0.608715.
        // y = 40: 2π·40/14 = 17.951958, sin = −0.781831 → 0.109084 (the curve is not monotonic).
        var values = Apply([0, 1, 2, -2, 4, 40]);
        float[] expected = [0.5f, 0.848406f, 0.999194f, 0.000806f, 0.608715f, 0.109084f];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], values[i], 1e-5f);
        }
    }

    [Fact]
    public void Apply_OtherConstant_UsesIt()
    {
        // c = 0: y = 2 → 2π·2/8 = π/2, sin = 1 → 1.
        Assert.Equal(1f, Apply([2], constant: 0)[0], 1e-6f);
    }

    [Fact]
    public void Apply_AtZero_HasNonZeroGradient()
    {
        // d/dy (sin(2πy/8) + 1)/2 at 0 = (2π/8)/2 = π/8 = 0.392699.
        using var scope = NewDisposeScope();
        var y = zeros(1).requires_grad_(true);
        StretchedSine.Apply(y, 0.15).sum().backward();
        Assert.Equal(0.392699f, y.grad!.item<float>(), 1e-5f);
    }

    [Fact]
    public void ConfidenceMap_Sigmoid_IsTheLogistic()
    {
        // σ(0) = 0.5, σ(2) = 1/(1 + e^−2) = 0.880797, σ(−2) = 0.119203.
        using var scope = NewDisposeScope();
        var settings = new ScanSettings { ConfidenceActivation = ConfidenceActivation.Sigmoid };
        var values = ConfidenceMap.Apply(tensor(new float[] { 0, 2, -2 }), settings).data<float>().ToArray();
        Assert.Equal(0.5f, values[0], 1e-6f);
        Assert.Equal(0.880797f, values[1], 1e-5f);
        Assert.Equal(0.119203f, values[2], 1e-5f);
    }
}

using Scan.Core.Masks;
using Scan.Core.Native;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Masks;

/// <summary>
/// Percentile = numpy's default linear interpolation: n sorted values v, h = (n − 1)·P/100,
/// q = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]).
/// </summary>
public sealed class GradientMaskTests
{
    // Sample 0: positives sorted 0.5, 1, 2, 3 (n = 4). Sample 1: positives 0.1 … 0.5 (n = 5). Sample 2: none positive.
    private static readonly float[] Gradients =
    [
        -1f, 0f, 0.5f, 2f, 1f, 3f,
        0.1f, 0.2f, 0.3f, 0.4f, 0.5f, -0.2f,
        -1f, -2f, 0f, 0f, -3f, -0.5f,
    ];

    public GradientMaskTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    private static float[] Mask(double[] percentiles, bool signed, long[]? shape = null)
    {
        using var scope = NewDisposeScope();
        var gradients = tensor(Gradients).reshape(shape ?? [3, 1, 2, 3]);
        var features = ones_like(gradients);
        var masked = GradientMask.Apply(features, gradients, tensor(percentiles), signed);
        Assert.Equal(gradients.shape, masked.shape);
        return masked.reshape(-1).data<float>().ToArray();
    }

    private static float[] Row(float[] all, int sample) => all[(sample * 6)..((sample + 1) * 6)];

    [Fact]
    public void Apply_PercentileZero_KeepsEveryPositiveElement()
    {
        // h = 0: q = the smallest positive (0.5; 0.1), so every positive element passes G ≥ q ∧ G > 0.
        var mask = Mask([0, 0, 0], signed: false);
        Assert.Equal([0, 0, 1, 1, 1, 1], Row(mask, 0));
        Assert.Equal([1, 1, 1, 1, 1, 0], Row(mask, 1));
    }

    [Fact]
    public void Apply_PercentileFifty_InterpolatesBetweenRanks()
    {
        // Sample 0: h = 3·0.5 = 1.5, q = 1 + 0.5·(2 − 1) = 1.5 → keeps 2 and 3.
        // Sample 1: h = 4·0.5 = 2 exactly, q = 0.3 → keeps 0.3 (a tie passes ≥), 0.4, 0.5.
        var mask = Mask([50, 50, 50], signed: false);
        Assert.Equal([0, 0, 0, 1, 0, 1], Row(mask, 0));
        Assert.Equal([0, 0, 1, 1, 1, 0], Row(mask, 1));
    }

    [Fact]
    public void Apply_PercentileNinetyFive_KeepsTopElement()
    {
        // Sample 0: h = 2.85, q = 2 + 0.85·1 = 2.85 → keeps 3. Sample 1: h = 3.8, q = 0.4 + 0.8·0.1 = 0.48 → keeps 0.5.
        var mask = Mask([95, 95, 95], signed: false);
        Assert.Equal([0, 0, 0, 0, 0, 1], Row(mask, 0));
        Assert.Equal([0, 0, 0, 0, 1, 0], Row(mask, 1));
    }

    [Fact]
    public void Apply_PercentileHundred_KeepsOnlyTheMaximum()
    {
        var mask = Mask([100, 100, 100], signed: false);
        Assert.Equal([0, 0, 0, 0, 0, 1], Row(mask, 0));
        Assert.Equal([0, 0, 0, 0, 1, 0], Row(mask, 1));
    }

    [Fact]
    public void Apply_SampleWithoutPositiveGradient_AllZeroMask()
    {
        foreach (var p in new double[] { 0, 50, 95, 100 })
        {
            Assert.All(Row(Mask([p, p, p], signed: false), 2), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Apply_DifferentPercentilesPerSample_UsesEachSamplesOwn()
    {
        // Sample 0 at P = 0 keeps its 4 positives; sample 1 at P = 95 keeps 0.5 only.
        var mask = Mask([0, 95, 50], signed: false);
        Assert.Equal([0, 0, 1, 1, 1, 1], Row(mask, 0));
        Assert.Equal([0, 0, 0, 0, 1, 0], Row(mask, 1));
        Assert.All(Row(mask, 2), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Apply_SignedGradients_ThresholdsOverAllElements()
    {
        // Sample 0 signed, sorted: −1, 0, 0.5, 1, 2, 3 (n = 6).
        // P = 50: h = 2.5, q = 0.5 + 0.5·(1 − 0.5) = 0.75 → keeps 2, 1, 3 (the positive part keeps only 2 and 3).
        // P = 10: h = 0.5, q = −1 + 0.5·(0 − (−1)) = −0.5 → keeps everything but −1, the zero included.
        // Sample 2 sorted: −3, −2, −1, −0.5, 0, 0; P = 95: h = 4.75, q = 0 → keeps its two zeros.
        Assert.Equal([0, 0, 0, 1, 1, 1], Row(Mask([50, 50, 50], signed: true), 0));
        Assert.Equal([0, 1, 1, 1, 1, 1], Row(Mask([10, 10, 10], signed: true), 0));
        Assert.Equal([0, 0, 1, 1, 0, 0], Row(Mask([95, 95, 95], signed: true), 2));
    }

    [Fact]
    public void Apply_TokenFeatures_MasksOverTokensAndWidth()
    {
        // The same numbers as [3 samples, 3 tokens, width 2]: the mask is per sample over every element.
        var mask = Mask([50, 95, 0], signed: false, shape: [3, 3, 2]);
        Assert.Equal([0, 0, 0, 1, 0, 1], Row(mask, 0));
        Assert.Equal([0, 0, 0, 0, 1, 0], Row(mask, 1));
    }

    [Fact]
    public void Apply_KeepsFeatureValues_WhereMaskIsOn()
    {
        using var scope = NewDisposeScope();
        var gradients = tensor(Gradients).reshape(3, 6);
        var features = arange(18, dtype: ScalarType.Float32).add(1).reshape(3, 6);
        var masked = GradientMask.Apply(features, gradients, tensor(new double[] { 50, 50, 50 }), signedGradients: false);
        Assert.Equal([0f, 0, 0, 4, 0, 6, 0, 0, 9, 10, 11, 0, 0, 0, 0, 0, 0, 0], masked.reshape(-1).data<float>().ToArray());
    }

    [Fact]
    public void Apply_MaskSwitchedOff_ReturnsFeaturesUnchanged()
    {
        using var scope = NewDisposeScope();
        var gradients = tensor(Gradients).reshape(3, 6);
        var features = arange(18, dtype: ScalarType.Float32).reshape(3, 6);
        var settings = new ScanSettings { UseGradientMask = false };
        var result = GradientMask.Apply(features, gradients, tensor(new double[] { 95, 95, 95 }), settings);
        Assert.True(result.equal(features).all().item<bool>());
    }

    [Fact]
    public void Mask_RandomBatch_MatchesAPlainPerSampleImplementation()
    {
        // Gradients rounded to 0.25 steps so that ties and zeros occur; the reference sorts each sample's positives
        // in a managed array and applies numpy's linear-interpolation formula directly.
        using var scope = NewDisposeScope();
        manual_seed(11);
        var gradients = randn(6, 3, 5, 5).mul(4).round().div(4);
        double[] percentiles = [0, 12.5, 50, 70, 95, 100];
        var mask = GradientMask.Mask(gradients, tensor(percentiles), signedGradients: false).reshape(6, -1).data<bool>().ToArray();
        var values = gradients.reshape(6, -1).data<float>().ToArray();
        for (var sample = 0; sample < 6; sample++)
        {
            var row = values[(sample * 75)..((sample + 1) * 75)];
            var positives = row.Where(v => v > 0).Select(v => (double)v).Order().ToArray();
            var h = (positives.Length - 1) * percentiles[sample] / 100;
            var low = (int)Math.Floor(h);
            var q = positives[low] + ((h - low) * (positives[Math.Min(low + 1, positives.Length - 1)] - positives[low]));
            for (var i = 0; i < 75; i++)
            {
                Assert.Equal(row[i] > 0 && row[i] >= q, mask[(sample * 75) + i]);
            }
        }
    }

    [Fact]
    public void Apply_WrongPercentileCount_Throws()
    {
        using var scope = NewDisposeScope();
        var gradients = tensor(Gradients).reshape(3, 6);
        Assert.Throws<ArgumentException>(() => GradientMask.Apply(gradients, gradients, tensor(new double[] { 95, 95 }), signedGradients: false));
    }
}

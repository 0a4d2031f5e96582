using Scan.Core.Losses;
using Scan.Core.Native;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Losses;

public sealed class ScanLossTests
{
    // The paper as printed: Eq. 9's weight and Eq. 4's constant 0.15. The defaults (the authors' code) and the mean-image
    // prior have their own hand cases below.
    private static readonly ScanSettings Eq9 = new() { ConfidenceWeight = ConfidenceWeight.Equation9, StretchConstant = 0.15, ConfidenceReference = ConfidenceReference.None };
    private static readonly ScanSettings Eq9WithPrior = Eq9 with { ConfidenceReference = ConfidenceReference.DatasetMean };

    public ScanLossTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    // One 1-channel 2×2 image: raw confidences 0, 2, −2, 4; reconstruction 0, 1, 0.5, 0; target 1, 1, 0, 0.5.
    private static (Tensor Reconstruction, Tensor Raw, Tensor Target) HandCase() => (
        tensor(new float[] { 0, 1, 0.5f, 0 }).reshape(1, 1, 2, 2),
        tensor(new float[] { 0, 2, -2, 4 }).reshape(1, 2, 2),
        tensor(new float[] { 1, 1, 0, 0.5f }).reshape(1, 1, 2, 2));

    [Fact]
    public void Compute_HandCase_MatchesHandValues()
    {
        // Ĉ = 0.5, 0.9991943, 0.0008057, 0.6087151 (StretchedSineTests); Ĉ_μ = 2.1087151/4 = 0.5271788.
        // ω = (0.5271788 − 0.2)² / (0.5271788 · 0.4728212) = 0.1070459/0.2492613 = 0.4294527.
        // (Ỹ − Ŷ_r)² = 1, 0, 0.25, 0.25 → MSE = 0.375.
        // Loss_c = 1.4294527 · (0.375 + 0.1) − 0.1 = 0.5789900.
        // Loss_r = mean((1 + 3Ĉ)(Ỹ − Ŷ_r)²) = (2.5·1 + 0 + 1.0024170·0.25 + 2.8261453·0.25)/4 = 3.4571406/4 = 0.8642851.
        // Loss = 1.4432752.
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var result = ScanLoss.Compute(reconstruction, raw, target, Eq9, null);
        Assert.Equal(1.4432752f, result.Loss.item<float>(), 1e-5f);
        Assert.Equal(0.5789900f, result.ConfidenceLoss.item<float>(), 1e-5f);
        Assert.Equal(0.8642851f, result.ReconstructionLoss.item<float>(), 1e-5f);
        Assert.Equal(0.5271788f, result.MeanArea.item<float>(), 1e-5f);
        Assert.False(result.ConfidenceLoss.requires_grad);
    }

    [Fact]
    public void Compute_OriginalWeight_MatchesHandValues()
    {
        // The authors' code: weight Ĉ/α + 1 − Ĉ = 1 − 0.75Ĉ for α = 4; Loss_c as in the hand case above (0.5789900).
        // Weights 0.625, 0.2506043, 0.9993957, 0.5434637 for Ĉ = 0.5, 0.9991943, 0.0008057, 0.6087151.
        // Loss_r = (0.625·1 + 0.2506043·0 + 0.9993957·0.25 + 0.5434637·0.25)/4 = 1.0107149/4 = 0.2526787. Loss = 0.8316687.
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var result = ScanLoss.Compute(reconstruction, raw, target, Eq9 with { ConfidenceWeight = ConfidenceWeight.Original }, null);
        Assert.Equal(0.8316687f, result.Loss.item<float>(), 1e-5f);
        Assert.Equal(0.5789900f, result.ConfidenceLoss.item<float>(), 1e-5f);
        Assert.Equal(0.2526787f, result.ReconstructionLoss.item<float>(), 1e-5f);
    }

    [Fact]
    public void Compute_Defaults_MatchesHandValues()
    {
        // The authors' code: c = 1.5 gives Ĉ = 0.5, 0.9548160, 0.0451840, 0.9874640 (sin(2πy/(8 + 1.5|y|))); Ĉ_μ = 0.6218660.
        // ω = (0.4218660)²/(0.6218660 · 0.3781340) = 0.1779709/0.2351485 = 0.7568442; Loss_c = 1.7568442 · 0.475 − 0.1 = 0.7345010.
        // Weights 1 − 0.75Ĉ = 0.625, 0.2838880, 0.9661120, 0.2594020; no prior.
        // Loss_r = (0.625·1 + 0 + 0.9661120·0.25 + 0.2594020·0.25)/4 = 0.9313785/4 = 0.2328446. Loss = 0.9673456.
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var result = ScanLoss.Compute(reconstruction, raw, target, new ScanSettings(), null);
        Assert.Equal(0.9673456f, result.Loss.item<float>(), 1e-5f);
        Assert.Equal(0.7345010f, result.ConfidenceLoss.item<float>(), 1e-5f);
        Assert.Equal(0.2328446f, result.ReconstructionLoss.item<float>(), 1e-5f);
        Assert.Equal(0.6218660f, result.MeanArea.item<float>(), 1e-5f);
    }

    [Theory]
    [InlineData(ConfidenceWeight.Equation9, 3.0)]
    [InlineData(ConfidenceWeight.Original, -0.75)]
    public void ConfidenceWeightSlope_AlphaFour_HandValues(ConfidenceWeight weight, double slope) =>
        Assert.Equal(slope, new ScanSettings { Alpha = 4, ConfidenceWeight = weight }.ConfidenceWeightSlope, 12);

    [Fact]
    public void Compute_RawWithChannelAxis_SameAsWithout()
    {
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var result = ScanLoss.Compute(reconstruction, raw.unsqueeze(1), target, Eq9, null);
        Assert.Equal(1.4432752f, result.Loss.item<float>(), 1e-5f);
    }

    [Fact]
    public void Compute_Sigmoid_MatchesHandValues()
    {
        // Ĉ = σ(0, 2, −2, 4) = 0.5, 0.8807971, 0.1192029, 0.9820138; Ĉ_μ = 0.6205034.
        // ω = (0.4205034)²/(0.6205034 · 0.3794966) = 0.1768231/0.2354789 = 0.7509086.
        // Loss_c = 1.7509086 · 0.475 − 0.1 = 0.7316816.
        // Loss_r = (2.5 + 0 + 1.3576087·0.25 + 3.9460414·0.25)/4 = 0.9564781. Loss = 1.6881597.
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var settings = Eq9 with { ConfidenceActivation = ConfidenceActivation.Sigmoid };
        var result = ScanLoss.Compute(reconstruction, raw, target, settings, null);
        Assert.Equal(1.6881597f, result.Loss.item<float>(), 1e-5f);
        Assert.Equal(0.7316816f, result.ConfidenceLoss.item<float>(), 1e-5f);
    }

    [Fact]
    public void Compute_TwoSamples_AveragesPerSampleLosses()
    {
        // Sample 2: raw 0 everywhere (Ĉ = 0.5), perfect reconstruction: ω = 0.3²/0.25 = 0.36,
        // Loss_c = 1.36 · 0.1 − 0.1 = 0.036, Loss_r = 0. Batch loss = (1.4432752 + 0.036)/2 = 0.7396376.
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var result = ScanLoss.Compute(
            cat([reconstruction, target]), cat([raw, zeros(1, 2, 2)]), cat([target, target]), Eq9, null);
        Assert.Equal(0.7396376f, result.Loss.item<float>(), 1e-5f);
        Assert.Equal((0.5789900f + 0.036f) / 2, result.ConfidenceLoss.item<float>(), 1e-5f);
        Assert.Equal((0.5271788f + 0.5f) / 2, result.MeanArea.item<float>(), 1e-5f);
    }

    [Fact]
    public void Compute_BatchDivisor_DividesTheSum()
    {
        // A worker with this one sample of a global batch of 4 contributes 1.4432752/4 = 0.3608188.
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var result = ScanLoss.Compute(reconstruction, raw, target, Eq9, null, batchDivisor: 4);
        Assert.Equal(0.3608188f, result.Loss.item<float>(), 1e-5f);
    }

    [Fact]
    public void Compute_ConfidenceAllZero_ClampsMeanAndStaysFinite()
    {
        // Ĉ ≡ 0 (sigmoid of −1000) → Ĉ_μ clamped to ε = 1e-4: ω = (1e-4 − 0.2)²/(1e-4 · 0.9999) = 0.03996001/0.00009999 = 399.6400.
        // Perfect reconstruction: Loss_c = 400.6400 · 0.1 − 0.1 = 39.96400.
        using var scope = NewDisposeScope();
        var target = ones(1, 1, 2, 2);
        var settings = Eq9 with { ConfidenceActivation = ConfidenceActivation.Sigmoid };
        var result = ScanLoss.Compute(target.clone(), full(1, 2, 2, -1000f), target, settings, null);
        Assert.Equal(39.964f, result.Loss.item<float>(), 1e-3f);
    }

    [Fact]
    public void Compute_Backward_GradientReachesBothOutputs()
    {
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var r = reconstruction.requires_grad_(true);
        var c = raw.requires_grad_(true);
        ScanLoss.Compute(r, c, target, Eq9, null).Loss.backward();
        foreach (var grad in new[] { r.grad!, c.grad! })
        {
            Assert.True(grad.isfinite().all().item<bool>());
            Assert.True(grad.abs().sum().item<float>() > 0);
        }
    }

    [Fact]
    public void Compute_MismatchedShapes_Throws()
    {
        using var scope = NewDisposeScope();
        var (reconstruction, raw, _) = HandCase();
        Assert.Throws<ArgumentException>(() => ScanLoss.Compute(reconstruction, raw, zeros(1, 3, 2, 2), Eq9, null));
        Assert.Throws<ArgumentException>(() => ScanLoss.Compute(reconstruction, zeros(1, 3, 3), reconstruction, Eq9, null));
    }

    [Fact]
    public void Compute_DatasetMeanReference_MatchesHandValues()
    {
        // Prior Ȳ = 0.5 everywhere: e₀ = (Ỹ − Ȳ)² = 0.25, 0.25, 0.25, 0; ē₀ = 0.1875; e₀ − ē₀ = 0.0625 ×3, −0.1875.
        // Σ Ĉ(e₀ − ē₀) = 0.0625·(0.5 + 0.9991943 + 0.0008057) − 0.1875·0.6087151 = 0.09375 − 0.1141341 = −0.0203841.
        // Loss_r = 0.8642851 − 3·(−0.0203841)/4 = 0.8795732; Loss_c is unchanged (0.5789900); Loss = 1.4585632.
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var result = ScanLoss.Compute(reconstruction, raw, target, Eq9WithPrior, full(1, 2, 2, 0.5f));
        Assert.Equal(1.4585632f, result.Loss.item<float>(), 1e-5f);
        Assert.Equal(0.5789900f, result.ConfidenceLoss.item<float>(), 1e-5f);
        Assert.Equal(0.8795732f, result.ReconstructionLoss.item<float>(), 1e-5f);
    }

    [Fact]
    public void Compute_DatasetMeanReference_ChangesOnlyTheConfidenceGradient()
    {
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        var (paperReconstruction, paperConfidence) = Gradients(reconstruction, raw, target, Eq9, null);
        var (priorReconstruction, priorConfidence) = Gradients(reconstruction, raw, target, Eq9WithPrior, full(1, 2, 2, 0.5f));
        Assert.True(paperReconstruction.allclose(priorReconstruction));
        Assert.False(paperConfidence.allclose(priorConfidence));
    }

    [Fact]
    public void Compute_DatasetMeanReference_UniformConfidenceGetsNoCorrection()
    {
        // Ĉ = 0.5 everywhere (raw 0): Σ Ĉ(e₀ − ē₀) = 0.5·Σ(e₀ − ē₀) = 0, so the loss equals Eq. 9's.
        using var scope = NewDisposeScope();
        var (reconstruction, _, target) = HandCase();
        var raw = zeros(1, 2, 2);
        var paper = ScanLoss.Compute(reconstruction, raw, target, Eq9, null).Loss.item<float>();
        var prior = ScanLoss.Compute(reconstruction, raw, target, Eq9WithPrior, full(1, 2, 2, 0.5f)).Loss.item<float>();
        Assert.Equal(paper, prior, 1e-6f);
    }

    [Fact]
    public void Compute_DatasetMeanReferenceWithoutPrior_Throws()
    {
        using var scope = NewDisposeScope();
        var (reconstruction, raw, target) = HandCase();
        Assert.Throws<ArgumentException>(() => ScanLoss.Compute(reconstruction, raw, target, Eq9WithPrior, null));
        Assert.Throws<ArgumentException>(() => ScanLoss.Compute(reconstruction, raw, target, Eq9WithPrior, full(1, 3, 3, 0.5f)));
    }

    private static (Tensor Reconstruction, Tensor Confidence) Gradients(Tensor reconstruction, Tensor raw, Tensor target, ScanSettings settings, Tensor? prior)
    {
        var r = reconstruction.detach().clone().requires_grad_(true);
        var c = raw.detach().clone().requires_grad_(true);
        ScanLoss.Compute(r, c, target, settings, prior).Loss.backward();
        return (r.grad!.clone(), c.grad!.clone());
    }
}

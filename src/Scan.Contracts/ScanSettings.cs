using System.Text.Json.Serialization;

namespace Scan.Core;

/// <summary>
/// The SCAN method's hyperparameters (SPEC.md §1–3), with the paper's defaults. Decoder widths are scaled for this
/// project's 32×32 inputs; <see cref="PaperResidualWidths"/> and <see cref="PaperTransformerWidths"/> are the paper's.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.ScanSettings")]
public sealed record ScanSettings
{
    /// <summary>The paper's residual-decoder widths for 7×7 → 224×224 (5 stages).</summary>
    public static int[] PaperResidualWidths { get; } = [512, 384, 256, 192, 128, 64];

    /// <summary>The paper's transformer-decoder stage widths for 14×14 → 224×224 (4 stages).</summary>
    public static int[] PaperTransformerWidths { get; } = [256, 128, 64, 32];

    /// <summary>α (Eq. 5, 9): the reconstruction weight of confident pixels; the target area is 1/(1+α).</summary>
    [Id(0)]
    public double Alpha { get; init; } = 4;

    /// <summary>λ (Eq. 8).</summary>
    [Id(1)]
    public double Lambda { get; init; } = 0.1;

    /// <summary>Training draws the gradient-mask percentile P per sample from Uniform[min, max] (the authors' code: (0, 95); the port: [70, 100]).</summary>
    [Id(2)]
    public double TrainPercentileMin { get; init; }

    [Id(3)]
    public double TrainPercentileMax { get; init; } = 95;

    /// <summary>The gradient-mask percentile P at inference.</summary>
    [Id(4)]
    public double InferencePercentile { get; init; } = 95;

    /// <summary>c in the stretched sine's denominator 8 + c|y| (Eq. 4): 1.5 in the authors' code, 0.15 in the paper and the port.</summary>
    [Id(5)]
    public double StretchConstant { get; init; } = 1.5;

    /// <summary>False: the positive part of the gradient (the reference code). True: the signed gradient (Eq. 1 as written).</summary>
    [Id(6)]
    public bool SignedGradients { get; init; }

    [Id(7)]
    public BlurVariant BlurVariant { get; init; } = BlurVariant.Paper;

    [Id(8)]
    public DecoderNormalization Normalization { get; init; } = DecoderNormalization.GroupNorm;

    /// <summary>
    /// Residual decoder: the 1×1 projection's width, then the width after each upsampling stage. A decoder with n
    /// stages uses the last n + 1 entries, so one list serves every feature grid; the default list grows by 16 per
    /// entry at its front for decoders with more stages (ResNet-50's 7×7 layer4 at 224: 96, 80, 64, 48, 32, 16).
    /// </summary>
    [Id(9)]
    public int[] ResidualDecoderWidths { get; init; } = DefaultResidualDecoderWidths;

    public static int[] DefaultResidualDecoderWidths { get; } = [64, 48, 32, 16];

    /// <summary>
    /// Transformer decoder: the width after each upsampling stage; n stages use the last n entries. Narrow for speed:
    /// its residual modules run at the upsampled resolution, so the last stage's width dominates its cost
    /// (docs/decisions.md). The default list doubles at its front for decoders with more stages (ViT-B/16's 14×14
    /// tokens at 224: 64, 32, 16, 8, 8).
    /// </summary>
    [Id(10)]
    public int[] TransformerDecoderWidths { get; init; } = DefaultTransformerDecoderWidths;

    public static int[] DefaultTransformerDecoderWidths { get; } = [16, 8, 8];

    /// <summary>Transformer decoder: the token width inside its attention blocks (tokens are projected to it first).</summary>
    [Id(11)]
    public int TransformerDecoderDim { get; init; } = 64;

    [Id(12)]
    public int TransformerDecoderHeads { get; init; } = 4;

    [Id(13)]
    public int TransformerDecoderBlocks { get; init; } = 2;

    /// <summary>ε: the mean confidence Ĉ_μ is clamped into [ε, 1 − ε] before ω divides by Ĉ_μ(1 − Ĉ_μ).</summary>
    [Id(14)]
    public double ConfidenceEpsilon { get; init; } = 1e-4;

    /// <summary>Ablation switch: false feeds the decoder the unmasked features.</summary>
    [Id(15)]
    public bool UseGradientMask { get; init; } = true;

    /// <summary>Ablation switch: false makes the reconstruction target the unblurred image.</summary>
    [Id(16)]
    public bool UseBlurTarget { get; init; } = true;

    [Id(17)]
    public ConfidenceActivation ConfidenceActivation { get; init; } = ConfidenceActivation.StretchedSine;

    /// <summary>What the confidence map's reconstruction term is measured against (Eq. 9 as written, or relative to a prior).</summary>
    [Id(18)]
    public ConfidenceReference ConfidenceReference { get; init; } = ConfidenceReference.None;

    /// <summary>How Ĉ weights the squared error in Loss_r: the authors' original code (Ĉ/α + 1 − Ĉ) or Eq. 9 as printed (αĈ + 1 − Ĉ).</summary>
    [Id(19)]
    public ConfidenceWeight ConfidenceWeight { get; init; } = ConfidenceWeight.Original;

    /// <summary>Which gradient the mask ranks features by: the training label's logit, or the predicted class's softmax output (the original code).</summary>
    [Id(20)]
    public MaskGradient MaskGradient { get; init; } = MaskGradient.PredictedSoftmax;

    /// <summary>Residual decoder: 3×3 residual modules at full resolution after the last upsampling (the original code has 3; 0 leaves a checkerboard).</summary>
    [Id(21)]
    public int FullResolutionModules { get; init; } = 3;

    /// <summary>Both decoders: upsample by bilinear interpolation then a 3×3 convolution, instead of a stride-2 transposed convolution.</summary>
    [Id(22)]
    public bool ResizeConvolution { get; init; } = true;

    /// <summary>The slope of Loss_r's weight in Ĉ: weight = 1 + slope·Ĉ, with slope α − 1 (Eq. 9) or 1/α − 1 (original).</summary>
    [JsonIgnore]
    public double ConfidenceWeightSlope => (ConfidenceWeight == ConfidenceWeight.Original ? 1 / Alpha : Alpha) - 1;

    /// <summary>The area 1/(1+α) that the confidence map is pushed to cover (Eq. 5).</summary>
    [JsonIgnore]
    public double TargetArea => 1 / (1 + Alpha);

    /// <summary>Throws <see cref="ScanInputException"/> naming the first setting that is out of range.</summary>
    public ScanSettings Validate()
    {
        RequirePositive(Alpha, nameof(Alpha));
        if (!double.IsFinite(Lambda) || Lambda < 0)
        {
            throw Invalid(nameof(Lambda), Lambda, "must be a finite number ≥ 0");
        }
        RequirePercentile(TrainPercentileMin, nameof(TrainPercentileMin));
        RequirePercentile(TrainPercentileMax, nameof(TrainPercentileMax));
        RequirePercentile(InferencePercentile, nameof(InferencePercentile));
        if (TrainPercentileMin > TrainPercentileMax)
        {
            throw new ScanInputException(
                $"ScanSettings.{nameof(TrainPercentileMin)} = {TrainPercentileMin} is greater than {nameof(TrainPercentileMax)} = {TrainPercentileMax}.");
        }
        if (!double.IsFinite(StretchConstant) || StretchConstant < 0)
        {
            throw Invalid(nameof(StretchConstant), StretchConstant, "must be a finite number ≥ 0");
        }
        if (!(ConfidenceEpsilon > 0 && ConfidenceEpsilon < 0.5))
        {
            throw Invalid(nameof(ConfidenceEpsilon), ConfidenceEpsilon, "must lie in (0, 0.5)");
        }
        RequireDefined(BlurVariant, nameof(BlurVariant));
        RequireDefined(Normalization, nameof(Normalization));
        RequireDefined(ConfidenceActivation, nameof(ConfidenceActivation));
        RequireDefined(ConfidenceReference, nameof(ConfidenceReference));
        RequireDefined(ConfidenceWeight, nameof(ConfidenceWeight));
        RequireDefined(MaskGradient, nameof(MaskGradient));
        if (FullResolutionModules is < 0 or > 16)
        {
            throw Invalid(nameof(FullResolutionModules), FullResolutionModules, "must lie in 0 … 16");
        }
        RequireWidths(ResidualDecoderWidths, nameof(ResidualDecoderWidths));
        RequireWidths(TransformerDecoderWidths, nameof(TransformerDecoderWidths));
        RequirePositive(TransformerDecoderDim, nameof(TransformerDecoderDim));
        RequirePositive(TransformerDecoderHeads, nameof(TransformerDecoderHeads));
        RequirePositive(TransformerDecoderBlocks, nameof(TransformerDecoderBlocks));
        if (TransformerDecoderDim % TransformerDecoderHeads != 0)
        {
            throw Invalid(nameof(TransformerDecoderDim), TransformerDecoderDim,
                $"must be a multiple of {nameof(TransformerDecoderHeads)} = {TransformerDecoderHeads}");
        }
        return this;
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw Invalid(name, value, "must be a finite number > 0");
        }
    }

    private static void RequirePercentile(double value, string name)
    {
        if (!(value >= 0 && value <= 100))
        {
            throw Invalid(name, value, "must be a percentile in [0, 100]");
        }
    }

    private static void RequireDefined<T>(T value, string name)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ScanInputException(
                $"ScanSettings.{name} = {value} is not one of {string.Join(", ", Enum.GetNames<T>())}.");
        }
    }

    private static void RequireWidths(int[]? widths, string name)
    {
        if (widths is null || widths.Length == 0 || widths.Any(w => w <= 0))
        {
            throw new ScanInputException(
                $"ScanSettings.{name} = [{string.Join(", ", widths ?? [])}] must be a non-empty list of positive widths.");
        }
    }

    private static ScanInputException Invalid(string name, double value, string rule) =>
        new($"ScanSettings.{name} = {value} {rule}.");
}

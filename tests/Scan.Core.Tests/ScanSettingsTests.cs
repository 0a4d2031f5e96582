namespace Scan.Core.Tests;

public sealed class ScanSettingsTests
{
    [Fact]
    public void Defaults_AreTheAuthorsCode()
    {
        // The authors' TensorFlow code (SPEC.md §7), chosen by the loss-form table in docs/decisions.md.
        var settings = new ScanSettings().Validate();
        Assert.Equal(4, settings.Alpha);
        Assert.Equal(0.1, settings.Lambda);
        Assert.Equal(0, settings.TrainPercentileMin);
        Assert.Equal(95, settings.TrainPercentileMax);
        Assert.Equal(95, settings.InferencePercentile);
        Assert.Equal(1.5, settings.StretchConstant);
        Assert.Equal(ConfidenceWeight.Original, settings.ConfidenceWeight);
        Assert.Equal(ConfidenceReference.None, settings.ConfidenceReference);
        Assert.Equal(MaskGradient.PredictedSoftmax, settings.MaskGradient);
        Assert.Equal(3, settings.FullResolutionModules);
        Assert.True(settings.ResizeConvolution);
        Assert.False(settings.SignedGradients);
        Assert.Equal(BlurVariant.Paper, settings.BlurVariant);
        Assert.Equal(DecoderNormalization.GroupNorm, settings.Normalization);
        Assert.Equal(ConfidenceActivation.StretchedSine, settings.ConfidenceActivation);
        Assert.True(settings.UseGradientMask && settings.UseBlurTarget);
        Assert.Equal(0.2, settings.TargetArea, 12);
    }

    public static TheoryData<ScanSettings, string> Invalid => new()
    {
        { new ScanSettings { Alpha = 0 }, "Alpha" },
        { new ScanSettings { Alpha = double.NaN }, "Alpha" },
        { new ScanSettings { Lambda = -0.1 }, "Lambda" },
        { new ScanSettings { TrainPercentileMin = -1 }, "TrainPercentileMin" },
        { new ScanSettings { TrainPercentileMax = 100.5 }, "TrainPercentileMax" },
        { new ScanSettings { TrainPercentileMin = 90, TrainPercentileMax = 80 }, "TrainPercentileMin" },
        { new ScanSettings { InferencePercentile = 101 }, "InferencePercentile" },
        { new ScanSettings { StretchConstant = -0.15 }, "StretchConstant" },
        { new ScanSettings { ConfidenceEpsilon = 0 }, "ConfidenceEpsilon" },
        { new ScanSettings { BlurVariant = (BlurVariant)7 }, "BlurVariant" },
        { new ScanSettings { ResidualDecoderWidths = [] }, "ResidualDecoderWidths" },
        { new ScanSettings { TransformerDecoderWidths = [64, 0] }, "TransformerDecoderWidths" },
        { new ScanSettings { TransformerDecoderDim = 100, TransformerDecoderHeads = 8 }, "TransformerDecoderDim" },
        { new ScanSettings { TransformerDecoderBlocks = 0 }, "TransformerDecoderBlocks" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_OutOfRange_ThrowsNamingTheSetting(ScanSettings settings, string name)
    {
        var error = Assert.Throws<ScanInputException>(() => settings.Validate());
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}

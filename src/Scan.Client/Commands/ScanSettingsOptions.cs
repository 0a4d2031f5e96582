using System.CommandLine;
using Scan.Core;

namespace Scan.Client.Commands;

/// <summary>The SCAN settings a user can change on the command line, with the paper's defaults.</summary>
public sealed class ScanSettingsOptions
{
    private static readonly ScanSettings Defaults = new();

    private readonly Option<double> _alpha = new("--alpha") { Description = "α: confident pixels' reconstruction weight; target area 1/(1+α)", DefaultValueFactory = _ => Defaults.Alpha };
    private readonly Option<double> _lambda = new("--lambda") { Description = "λ of the confidence loss", DefaultValueFactory = _ => Defaults.Lambda };
    private readonly Option<double> _percentileMin = new("--train-percentile-min") { Description = "lowest gradient-mask percentile drawn in training", DefaultValueFactory = _ => Defaults.TrainPercentileMin };
    private readonly Option<double> _percentileMax = new("--train-percentile-max") { Description = "highest gradient-mask percentile drawn in training", DefaultValueFactory = _ => Defaults.TrainPercentileMax };
    private readonly Option<double> _inferencePercentile = new("--infer-percentile") { Description = "gradient-mask percentile stored for inference", DefaultValueFactory = _ => Defaults.InferencePercentile };
    private readonly Option<bool> _signed = new("--signed-gradients") { Description = "use the signed gradient instead of its positive part" };
    private readonly Option<string> _norm = new Option<string>("--norm") { Description = "decoder normalisation", DefaultValueFactory = _ => "group" }.AcceptOnlyFromAmong("group", "batch");
    private readonly Option<string> _blur = new Option<string>("--blur") { Description = "blur target: paper (σ = S/2s_f) or reference (σ = S/s_f)", DefaultValueFactory = _ => "paper" }.AcceptOnlyFromAmong("paper", "reference");

    private readonly Option<string> _confidenceReference = new Option<string>("--confidence-reference") { Description = "none (the confidence weight alone, as the authors do) or mean (confidence rewarded where the features beat the data set's mean image: this project's first-round prior)", DefaultValueFactory = _ => Defaults.ConfidenceReference == ConfidenceReference.DatasetMean ? "mean" : "none" }.AcceptOnlyFromAmong("mean", "none");

    private readonly Option<string> _confidenceWeight = new Option<string>("--confidence-weight") { Description = "how the confidence weights the reconstruction error: eq9 (αĈ + 1 − Ĉ, as printed) or original (Ĉ/α + 1 − Ĉ, the authors' code)", DefaultValueFactory = _ => Name(Defaults.ConfidenceWeight) }.AcceptOnlyFromAmong("eq9", "original");
    private readonly Option<string> _maskGradient = new Option<string>("--mask-gradient") { Description = "the gradient the mask ranks features by: logit (of the label in training) or softmax (of the predicted class, the authors' code)", DefaultValueFactory = _ => Defaults.MaskGradient == MaskGradient.PredictedSoftmax ? "softmax" : "logit" }.AcceptOnlyFromAmong("logit", "softmax");
    private readonly Option<double> _stretch = new("--stretch-constant") { Description = "c in the stretched sine's denominator 8 + c|y| (0.15: the paper and the port; 1.5: the authors' code)", DefaultValueFactory = _ => Defaults.StretchConstant };
    private readonly Option<int> _fullResolutionModules = new("--full-resolution-modules") { Description = "residual decoder: 3×3 residual modules after the last upsampling (the authors' code: 3; 0 leaves a checkerboard)", DefaultValueFactory = _ => Defaults.FullResolutionModules };

    private readonly Option<string> _upsampling = new Option<string>("--upsampling") { Description = "decoders' upsampling: bilinear (resize, then a 3×3 convolution: no checkerboard) or transposed (stride-2 transposed convolution, the authors' code)", DefaultValueFactory = _ => Defaults.ResizeConvolution ? "bilinear" : "transposed" }.AcceptOnlyFromAmong("bilinear", "transposed");

    private readonly Option<string?> _residualWidths = new("--residual-widths") { Description = $"residual decoder (CNN features): the projection's width, then each upsampling stage's, comma-separated; n stages use the last n + 1 (default {string.Join(',', Defaults.ResidualDecoderWidths)})" };

    private readonly Option<int> _transformerDim = new("--transformer-dim") { Description = "transformer decoder (ViT tokens): the token width inside its attention blocks; a multiple of --transformer-heads", DefaultValueFactory = _ => Defaults.TransformerDecoderDim };
    private readonly Option<int> _transformerHeads = new("--transformer-heads") { Description = "transformer decoder: attention heads per block", DefaultValueFactory = _ => Defaults.TransformerDecoderHeads };
    private readonly Option<int> _transformerBlocks = new("--transformer-blocks") { Description = "transformer decoder: attention blocks before the upsampling", DefaultValueFactory = _ => Defaults.TransformerDecoderBlocks };
    private readonly Option<string?> _transformerWidths = new("--transformer-widths") { Description = $"transformer decoder: each upsampling stage's width, comma-separated; n stages use the last n (default {string.Join(',', Defaults.TransformerDecoderWidths)})" };

    public static ScanSettingsOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _alpha, _lambda, _percentileMin, _percentileMax, _inferencePercentile, _signed, _norm, _blur, _confidenceReference, _confidenceWeight, _maskGradient, _stretch, _fullResolutionModules, _upsampling, _residualWidths,
            _transformerDim, _transformerHeads, _transformerBlocks, _transformerWidths })
        {
            command.Options.Add(option);
        }
    }

    public ScanSettings Read(ParseResult parse)
    {
        var (dim, heads) = (Positive(parse, _transformerDim), Positive(parse, _transformerHeads));
        if (dim % heads != 0)
        {
            throw new ScanInputException($"{_transformerDim.Name} {dim} must be a multiple of {_transformerHeads.Name} {heads}: each head gets dim / heads channels.");
        }
        return new ScanSettings()
        {
            Alpha = parse.GetValue(_alpha),
            Lambda = parse.GetValue(_lambda),
            TrainPercentileMin = parse.GetValue(_percentileMin),
            TrainPercentileMax = parse.GetValue(_percentileMax),
            InferencePercentile = parse.GetValue(_inferencePercentile),
            SignedGradients = parse.GetValue(_signed),
            Normalization = parse.GetValue(_norm) == "batch" ? DecoderNormalization.BatchNorm : DecoderNormalization.GroupNorm,
            BlurVariant = parse.GetValue(_blur) == "reference" ? BlurVariant.Reference : BlurVariant.Paper,
            ConfidenceReference = parse.GetValue(_confidenceReference) == "none" ? ConfidenceReference.None : ConfidenceReference.DatasetMean,
            ResidualDecoderWidths = Widths(parse, _residualWidths, Defaults.ResidualDecoderWidths),
            TransformerDecoderWidths = Widths(parse, _transformerWidths, Defaults.TransformerDecoderWidths),
            TransformerDecoderDim = dim,
            TransformerDecoderHeads = heads,
            TransformerDecoderBlocks = Positive(parse, _transformerBlocks),
            ConfidenceWeight = parse.GetValue(_confidenceWeight) == "original" ? ConfidenceWeight.Original : ConfidenceWeight.Equation9,
            MaskGradient = parse.GetValue(_maskGradient) == "softmax" ? MaskGradient.PredictedSoftmax : MaskGradient.LabelLogit,
            StretchConstant = parse.GetValue(_stretch),
            FullResolutionModules = parse.GetValue(_fullResolutionModules),
            ResizeConvolution = parse.GetValue(_upsampling) == "bilinear",
        }.Validate();
    }

    private static string Name(ConfidenceWeight weight) => weight == ConfidenceWeight.Original ? "original" : "eq9";

    private static int Positive(ParseResult parse, Option<int> option) => parse.GetValue(option) is var value && value > 0
        ? value
        : throw new ScanInputException($"{option.Name} {value}: give a whole number ≥ 1.");

    private static int[] Widths(ParseResult parse, Option<string?> option, int[] defaults)
    {
        if (parse.GetValue(option) is not { } widths)
        {
            return defaults;
        }
        var parts = widths.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => int.TryParse(p, out var w) && w > 0)
            ? [.. parts.Select(int.Parse)]
            : throw new ScanInputException($"{option.Name} '{widths}': give positive whole numbers separated by commas, e.g. {string.Join(',', defaults)}.");
    }
}

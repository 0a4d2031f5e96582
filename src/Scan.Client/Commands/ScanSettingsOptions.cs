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

    private readonly Option<string> _confidenceReference = new Option<string>("--confidence-reference") { Description = "confidence rewarded where the features beat the data set's mean image (mean), or Eq. 9 as written (none)", DefaultValueFactory = _ => "mean" }.AcceptOnlyFromAmong("mean", "none");

    private readonly Option<string?> _residualWidths = new("--residual-widths") { Description = "residual decoder (CNN features): the projection's width, then each upsampling stage's, comma-separated; n stages use the last n + 1 (default 64,48,32,16)" };

    public static ScanSettingsOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _alpha, _lambda, _percentileMin, _percentileMax, _inferencePercentile, _signed, _norm, _blur, _confidenceReference, _residualWidths })
        {
            command.Options.Add(option);
        }
    }

    public ScanSettings Read(ParseResult parse) => new()
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
        ResidualDecoderWidths = parse.GetValue(_residualWidths) is { } widths ? ParseWidths(widths) : Defaults.ResidualDecoderWidths,
    };

    private static int[] ParseWidths(string widths)
    {
        var parts = widths.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => int.TryParse(p, out var w) && w > 0)
            ? [.. parts.Select(int.Parse)]
            : throw new ScanInputException($"--residual-widths '{widths}': give positive whole numbers separated by commas, e.g. 64,48,32,16.");
    }
}

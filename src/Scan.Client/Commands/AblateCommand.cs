using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Devices;
using Scan.Core.Evaluation;
using Scan.Core.Models;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary>
/// <c>scan ablate</c>: trains a SCAN decoder for every variant of <see cref="AblationPlan"/> and tables AUC-D, negative
/// and positive AUC per group, like the paper's Tables 6–9. Each variant lives in its own directory under --out, so a
/// rerun continues an interrupted ablation.
/// </summary>
public static class AblateCommand
{
    public const string SummaryFileName = "ablation.json";

    public static Command Create(ScanConsole console)
    {
        var common = new ExperimentOptions();
        var layers = new Option<string?>("--layers") { Description = "comma-separated layers to compare (default: the default layer and up to two before it)" };
        var command = new Command("ablate", "SCAN ablations: α, the mask percentile P, the layer, and the component switches") { layers };
        common.AddTo(command);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var request = new AblationRequest(parse.GetValue(common.Target)!, parse.GetValue(common.Output)!, parse.GetValue(layers), parse.GetValue(common.Limit),
                parse.GetValue(common.DecoderEpochs), parse.GetValue(common.DecoderLimit), parse.GetValue(common.Data)!, parse.GetValue(common.Device)!,
                parse.GetValue(common.Seed));
            var rows = Run(console, request, cancellation);
            common.Finish(console, parse, SummaryFileName, JsonSerializer.Serialize(rows, AblationRow.Json), () =>
            {
                foreach (var group in rows.GroupBy(r => r.Group))
                {
                    console.Table($"Ablation: {group.Key} (percent)", ["variant", "AUC-D", "neg AUC", "pos AUC"],
                        group.Select(r => (IReadOnlyList<string>)[r.Variant, $"{r.Scores.AucDifference:F2}", $"{r.Scores.NegativeAuc:F2}", $"{r.Scores.PositiveAuc:F2}"]));
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    public static IReadOnlyList<AblationRow> Run(ScanConsole console, AblationRequest request, CancellationToken cancellation)
    {
        var decoderOptions = new DecoderTrainingOptions { Epochs = request.DecoderEpochs, Limit = request.DecoderLimit, Seed = request.Seed }.Validate();
        string defaultLayer;
        IReadOnlyList<string> layers;
        using (var model = TargetStore.Load(request.Target, DeviceChoice.Parse("cpu")))
        {
            defaultLayer = model.ResolveLayer(null);
            layers = request.Layers is null
                ? AblationPlan.DefaultLayers(model.LayerNames, defaultLayer)
                : [.. request.Layers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(model.ResolveLayer)];
        }
        var variants = AblationPlan.For(new ScanSettings(), defaultLayer, layers);
        var rows = new List<AblationRow>();
        foreach (var variant in variants)
        {
            console.Info($"ablate {rows.Count + 1}/{variants.Count}: {variant.Group}, {variant.Label}");
            var evaluation = new EvaluationRequest(request.Target, null, ["scan"], request.Limit, 250, null, request.Data, SkipBadFiles: false,
                variant.Layer, request.Device, request.Seed);
            var report = ExperimentStep.Run(console, Path.Combine(request.Output, variant.Directory), variant.Settings, decoderOptions, evaluation, cancellation);
            rows.Add(new AblationRow(variant.Group, variant.Label, variant.Directory, report.Methods["scan"]));
        }
        return rows;
    }
}

/// <summary>The options of `scan ablate`.</summary>
public sealed record AblationRequest(
    string Target, string Output, string? Layers, int Limit, int DecoderEpochs, int? DecoderLimit, string Data, string Device, long Seed);

/// <summary>One row of an ablation table.</summary>
public sealed record AblationRow(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("variant")] string Variant,
    [property: JsonPropertyName("directory")] string Directory,
    [property: JsonPropertyName("scan")] MethodScores Scores)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
}

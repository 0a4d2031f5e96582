using System.CommandLine;
using System.Diagnostics;
using Scan.Client.Output;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Models;

namespace Scan.Client.Commands;

/// <summary><c>scan evaluate</c>: positive/negative perturbation AUC and AUC-D of each method on the Fashion-MNIST test set.</summary>
public static class EvaluateCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var decoder = CommonOptions.Decoder(required: false);
        var methods = new Option<string>("--methods") { Description = "comma-separated methods: " + string.Join(", ", ExplainerRegistry.Names), DefaultValueFactory = _ => "scan,gradcam,random" };
        var limit = new Option<int?>("--limit") { Description = "score only the first N test images" };
        var batchSize = new Option<int>("--batch-size") { Description = "images per batch", DefaultValueFactory = _ => 250 };
        var percentile = new Option<double?>("--percentile") { Description = "SCAN's gradient-mask percentile P (default: the decoder's inference setting, 95)" };
        var (data, skipBad, device, seed, format, layer) = (CommonOptions.Data(), CommonOptions.SkipBadFiles(), CommonOptions.Device(), CommonOptions.Seed(), CommonOptions.Format(), CommonOptions.Layer());
        var command = new Command("evaluate", "Score explanation methods by perturbation (positive/negative AUC, AUC-D)")
        {
            target, decoder, methods, limit, batchSize, percentile, data, skipBad, layer, device, seed, format,
        };
        var perturbation = PerturbationOptions.Create();
        perturbation.AddTo(command);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var request = new EvaluationRequest(parse.GetValue(target)!, parse.GetValue(decoder), ExplainerRegistry.ParseList(parse.GetValue(methods)!),
                parse.GetValue(limit), parse.GetValue(batchSize), parse.GetValue(percentile), parse.GetValue(data)!, parse.GetValue(skipBad),
                parse.GetValue(layer), parse.GetValue(device)!, parse.GetValue(seed)) { Perturbation = perturbation.Read(parse) };
            var report = Run(console, request, cancellation);
            if (parse.GetValue(format) == "json")
            {
                console.Result(report.ToJson());
            }
            else
            {
                Print(console, "Perturbation AUC (percent; lower positive, higher negative and AUC-D are better)", report);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static EvaluationReport Run(ScanConsole console, EvaluationRequest request, CancellationToken cancellation)
    {
        if (request.BatchSize < 1)
        {
            throw new ArgumentException($"--batch-size {request.BatchSize}: must be at least 1.");
        }
        ScanExplainer.CheckPercentile(request.Percentile);
        if (request.Limit is < 1)
        {
            throw new ArgumentException($"--limit {request.Limit}: must be at least 1.");
        }
        using var model = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        var test = DataSource.Open(request.Data, DataSplit.Test, model.InputShape, request.SkipBadFiles, console.Warning);
        var count = Math.Min(request.Limit ?? test.Count, test.Count);
        var layer = model.ResolveLayer(request.Layer);
        var context = new ExplainerContext(model, layer, request.Decoder, request.Percentile, request.Seed) { Perturbation = request.Perturbation };
        var explainers = request.Methods.Select(m => ExplainerRegistry.Create(m, context)).ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            var done = 0;
            var counts = EvaluationShard.Run(model, test, explainers, model.LayoutOf(layer).Grid, 0, count, request.BatchSize, images =>
            {
                done += images;
                var rate = done / clock.Elapsed.TotalSeconds;
                console.Progress($"evaluate: {done}/{count} images, {rate:F1} images/s, {(count - done) / rate:F0} s left", force: done == count);
            }, cancellation);
            return EvaluationReport.From(request.Methods.Select(m => KeyValuePair.Create(m, counts[m])));
        }
        finally
        {
            foreach (var explainer in explainers.OfType<IDisposable>())
            {
                explainer.Dispose();
            }
        }
    }

    public static void Print(ScanConsole console, string title, EvaluationReport report) =>
        console.Table(title, ["method", "pos AUC", "neg AUC", "AUC-D", "images"],
            report.Methods.Select(m => (IReadOnlyList<string>)[m.Key, $"{m.Value.PositiveAuc:F2}", $"{m.Value.NegativeAuc:F2}", $"{m.Value.AucDifference:F2}", $"{m.Value.Images}"]));
}

/// <summary>The options of one evaluation, shared by <c>scan evaluate</c> and <c>scan demo</c>.</summary>
public sealed record EvaluationRequest(
    string Target, string? Decoder, IReadOnlyList<string> Methods, int? Limit, int BatchSize, double? Percentile,
    string Data, bool SkipBadFiles, string? Layer, string Device, long Seed)
{
    /// <summary>The settings of the perturbation methods (rise, lime).</summary>
    public PerturbationExplainerSettings Perturbation { get; init; } = new();
}

using System.CommandLine;
using System.Text.Json;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Imaging;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Client.Commands;

/// <summary>
/// <c>scan report</c>: the paper's Table-1-style comparison for one target — every applicable method × every metric,
/// with each method's time per image measured in the same run — as report.md and report.json, and a PNG grid of
/// explanations (rows: images, columns: the input, then each method).
/// </summary>
public static class ReportCommand
{
    private const int GridScale = 4;

    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var decoder = CommonOptions.Decoder(required: false);
        var output = new Option<string>("--out", "-o") { Description = "directory for report.md, report.json and grid.png", Required = true };
        var methods = new Option<string?>("--methods") { Description = "comma-separated methods (default: every method that applies to the target; scan when --decoder is given)" };
        var limit = new Option<int?>("--limit", "-n") { Description = "score the first N test images (default: all)" };
        var randomMaps = new Option<int>("--random-maps") { Description = "random maps per image for the random control", DefaultValueFactory = _ => 10 };
        var gridImages = new Option<int>("--grid-images") { Description = "test images (rows) in grid.png", DefaultValueFactory = _ => 6 };
        var (data, device, layer, seed, format) = (CommonOptions.Data(), CommonOptions.Device(), CommonOptions.Layer(), CommonOptions.Seed(), CommonOptions.Format());
        var command = new Command("report", "Compare every method on a target: Markdown and JSON tables, an explanation grid, time per image")
        {
            target, decoder, output, methods, limit, randomMaps, gridImages, data, device, layer, seed, format,
        };
        var perturbation = PerturbationOptions.Create();
        perturbation.AddTo(command);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var targetDirectory = parse.GetValue(target)!;
            var decoderDirectory = parse.GetValue(decoder);
            var names = parse.GetValue(methods) is { } list ? ExplainerRegistry.ParseList(list) : Applicable(targetDirectory, decoderDirectory, parse.GetValue(layer));
            var request = new EvaluationRequest(targetDirectory, decoderDirectory, names, parse.GetValue(limit), 100, null, parse.GetValue(data)!,
                SkipBadFiles: false, parse.GetValue(layer), parse.GetValue(device)!, parse.GetValue(seed), "gradcam", parse.GetValue(randomMaps))
            {
                Perturbation = perturbation.Read(parse),
            };
            var directory = parse.GetValue(output)!;
            Directory.CreateDirectory(directory);
            var report = EvaluateCommand.Run(console, request, cancellation);
            WriteGrid(request, Path.Combine(directory, ReportDocument.GridFileName), parse.GetValue(gridImages));
            var document = new ReportDocument(request, TargetDescription.Read(targetDirectory), report, "scan " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
            AtomicFile.WriteAllText(Path.Combine(directory, ReportDocument.JsonFileName), document.ToJson());
            AtomicFile.WriteAllText(Path.Combine(directory, ReportDocument.MarkdownFileName), document.ToMarkdown());
            if (parse.GetValue(format) == "json")
            {
                console.Result(document.ToJson());
                return ExitCodes.Success;
            }
            EvaluateCommand.Print(console, "Methods compared (percent)", report);
            console.Success($"Report written to {directory}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every registered method that accepts this target (and SCAN only with a decoder), in registry order.</summary>
    public static IReadOnlyList<string> Applicable(string targetDirectory, string? decoderDirectory, string? layer)
    {
        using var model = TargetStore.Load(targetDirectory, DeviceChoice.Parse("cpu"));
        var context = new ExplainerContext(model, model.ResolveLayer(layer), decoderDirectory, null, 1);
        var names = new List<string>();
        foreach (var name in ExplainerRegistry.Names.Where(n => n != "scan" || decoderDirectory is not null))
        {
            try
            {
                (ExplainerRegistry.Create(name, context) as IDisposable)?.Dispose();
                names.Add(name);
            }
            catch (ScanInputException)
            {
                // The method does not apply to this architecture (e.g. attention methods on a CNN).
            }
        }
        return names;
    }

    private static void WriteGrid(EvaluationRequest request, string path, int rows)
    {
        if (rows < 1)
        {
            throw new ScanInputException($"--grid-images {rows}: must be at least 1.");
        }
        using var model = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        var test = model.OpenData(request.Data, DataSplit.Test, false, _ => { });
        var indices = Enumerable.Range(0, Math.Min(rows, test.Count)).ToArray();
        var context = new ExplainerContext(model, model.ResolveLayer(request.Layer), request.Decoder, null, request.Seed) { Perturbation = request.Perturbation };
        using var scope = NewDisposeScope();
        var (images, labels) = DataBatch.Load(test, indices, model.Device);
        var predicted = model.Logits(images).argmax(1);
        var maps = new List<float[][]>();
        foreach (var name in request.Methods)
        {
            var explainer = ExplainerRegistry.Create(name, context);
            using (explainer as IDisposable)
            {
                var batch = explainer.Explain(images, predicted).cpu();
                maps.Add([.. indices.Select(i => batch[i].flatten().data<float>().ToArray())]);
            }
        }
        var pixels = images.cpu();
        var names = model.Description.ClassNames;
        var (truth, guesses) = (labels.cpu().data<long>().ToArray(), predicted.cpu().data<long>().ToArray());
        ExplanationGrid.Write(path, model.InputShape, [.. indices.Select(i => pixels[i].flatten().data<float>().ToArray())],
            [.. indices.Select(i => (IReadOnlyList<float[]>)[.. maps.Select(m => m[i])])], GridScale, request.Methods,
            [.. indices.Select(i => $"{names[(int)truth[i]]} → {names[(int)guesses[i]]}")], "true → predicted");
    }
}

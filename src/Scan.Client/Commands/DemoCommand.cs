using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Models;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary>
/// <c>scan demo</c>: the main job on the built-in default. Trains (or reuses) the CNN target, trains (or reuses,
/// or resumes) a SCAN decoder, evaluates SCAN, Grad-CAM and the random map, writes explanation PNGs and summary.json.
/// </summary>
public static class DemoCommand
{
    /// <summary>Fewer epochs than the CNN's full recipe (12), so that the whole demo stays under 10 minutes on 2 cores (86.30 % here).</summary>
    public const int DemoTargetEpochs = 2;

    /// <summary>Test images the demo scores; `scan evaluate` without --limit scores all 10,000.</summary>
    public const int DemoEvaluationImages = 2000;

    /// <summary>
    /// The decoder trains for one epoch on the first 20,000 training images: with the default recipe one epoch scores as
    /// high as three (docs/decisions.md's loss-form table), and it takes about two minutes here.
    /// </summary>
    public const int DemoDecoderImages = 20000;

    private static readonly int[] ExplainedIndices = [0, 1, 2, 3];

    public static Command Create(ScanConsole console)
    {
        var output = new Option<string>("--out", "-o") { Description = "directory for everything the demo makes", DefaultValueFactory = _ => "runs/demo" };
        var targetEpochs = new Option<int>("--target-epochs") { Description = "epochs for the CNN target when it must be trained", DefaultValueFactory = _ => DemoTargetEpochs };
        var decoderEpochs = new Option<int>("--decoder-epochs") { Description = "epochs for the SCAN decoder (on the first 20,000 training images)", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit", "-n") { Description = "evaluate on the first N test images (the full 10,000 take ~10 minutes more per method set)", DefaultValueFactory = _ => DemoEvaluationImages };
        var (data, device, seed) = (CommonOptions.Data(), CommonOptions.Device(), CommonOptions.Seed());
        var command = new Command("demo", "Train a CNN target and a SCAN decoder on Fashion-MNIST, evaluate, write PNGs and summary.json")
        {
            output, targetEpochs, decoderEpochs, limit, data, device, seed,
        };
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var request = new DemoRequest(parse.GetValue(output)!, parse.GetValue(targetEpochs), parse.GetValue(decoderEpochs), parse.GetValue(limit),
                parse.GetValue(data)!, parse.GetValue(device)!, parse.GetValue(seed));
            Run(console, request, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Run(ScanConsole console, DemoRequest request, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var targetDirectory = Path.Combine(request.Output, "target-cnn");
        var decoderDirectory = Path.Combine(request.Output, "decoder");
        if (File.Exists(Path.Combine(targetDirectory, TargetDescription.FileName)))
        {
            console.Info($"1/4 Reusing the CNN target in {targetDirectory}.");
        }
        else
        {
            console.Info("1/4 Training the CNN target.");
            TrainTargetCommand.Run(console, new TrainTargetRequest("cnn", targetDirectory, request.TargetEpochs, request.Data, request.Device, request.Seed), cancellation);
        }
        var accuracy = TargetDescription.Read(targetDirectory).TestAccuracy;
        if (DecoderStore.Exists(decoderDirectory))
        {
            console.Info($"2/4 Reusing the SCAN decoder in {decoderDirectory}.");
        }
        else
        {
            var resume = File.Exists(Path.Combine(decoderDirectory, DecoderDescription.CheckpointFileName));
            console.Info(resume ? "2/4 Resuming the SCAN decoder's training." : "2/4 Training the SCAN decoder.");
            var options = new DecoderTrainingOptions { Epochs = request.DecoderEpochs, Limit = DemoDecoderImages, Seed = request.Seed };
            TrainCommand.Run(console, new TrainRequest(targetDirectory, decoderDirectory, resume, null, new ScanSettings(), options, request.Data, SkipBadFiles: false, request.Device), cancellation);
        }
        console.Info("3/4 Evaluating scan, gradcam and random by perturbation.");
        var report = EvaluateCommand.Run(console, new EvaluationRequest(targetDirectory, decoderDirectory, ["scan", "gradcam", "random"], request.Limit, 250,
            null, request.Data, SkipBadFiles: false, null, request.Device, request.Seed), cancellation);
        console.Info("4/4 Writing explanations.");
        foreach (var index in ExplainedIndices)
        {
            var png = Path.Combine(request.Output, $"explain-{index}.png");
            var result = ExplainCommand.Run(new ExplainRequest(targetDirectory, decoderDirectory, null, index, null, null, png, request.Data, request.Device));
            console.Info($"  {png}: {result.ClassName}, confidence area {result.MeanConfidence:F3}");
        }
        var summary = JsonNode.Parse(report.ToJson())!.AsObject();
        summary["test_accuracy"] = accuracy is { } fraction ? Math.Round(fraction * 100, 2) : null;
        summary["target"] = targetDirectory;
        summary["decoder"] = decoderDirectory;
        summary["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        var summaryPath = Path.Combine(request.Output, "summary.json");
        AtomicFile.WriteAllText(summaryPath, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        EvaluateCommand.Print(console, "SCAN demo on Fashion-MNIST (CNN target), perturbation AUC in percent", report);
        console.Success($"Done in {clock.Elapsed.TotalMinutes:F1} min: {summaryPath}, explanations in {request.Output}.");
    }
}

public sealed record DemoRequest(string Output, int TargetEpochs, int DecoderEpochs, int Limit, string Data, string Device, long Seed);

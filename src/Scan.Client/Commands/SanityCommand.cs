using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Devices;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Models.Imported;
using Scan.Core.Sanity;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary>
/// <c>scan sanity</c>: Adebayo et al.'s checks. AUC-D of each method for the original target, for every state of the
/// cascading weight randomisation (head first, then the layers from the last down), and for a target trained on
/// shuffled labels (an imported target: its head refitted on them, <see cref="ShuffledLabelHead"/>); SCAN's decoder is
/// retrained for each state. Every state lives in its own directory under --out,
/// so a rerun continues an interrupted check.
/// </summary>
public static class SanityCommand
{
    public const string SummaryFileName = "sanity.json";

    public static Command Create(ScanConsole console)
    {
        var common = new ExperimentOptions();
        var methods = new Option<string>("--methods") { Description = "comma-separated methods", DefaultValueFactory = _ => "scan,gradcam,random" };
        var labelEpochs = new Option<int>("--label-epochs") { Description = "epochs of the shuffled-label target, or of an imported target's head refitted on shuffled labels (0: leave the label check out)", DefaultValueFactory = _ => 3 };
        var command = new Command("sanity", "Sanity checks: AUC-D under cascading weight randomisation and label randomisation") { methods, labelEpochs };
        common.AddTo(command);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var request = new SanityRequest(parse.GetValue(common.Target)!, parse.GetValue(common.Output)!, ExplainerRegistry.ParseList(parse.GetValue(methods)!),
                parse.GetValue(common.Limit), parse.GetValue(common.DecoderEpochs), parse.GetValue(common.DecoderLimit), parse.GetValue(labelEpochs),
                parse.GetValue(common.Data)!, parse.GetValue(common.Device)!, parse.GetValue(common.Seed));
            var states = Run(console, request, cancellation);
            common.Finish(console, parse, SummaryFileName, JsonSerializer.Serialize(states, SanityState.Json), () => Print(console, request.Methods, states));
            return ExitCodes.Success;
        });
        return command;
    }

    public static IReadOnlyList<SanityState> Run(ScanConsole console, SanityRequest request, CancellationToken cancellation)
    {
        if (request.LabelEpochs < 0)
        {
            throw new ScanInputException($"--label-epochs {request.LabelEpochs}: must be 0 or more.");
        }
        var decoderOptions = new DecoderTrainingOptions { Epochs = request.DecoderEpochs, Limit = request.DecoderLimit, Seed = request.Seed }.Validate();
        var evaluation = new EvaluationRequest(request.Target, null, request.Methods, request.Limit, 250, null, request.Data, SkipBadFiles: false,
            null, request.Device, request.Seed);
        var description = TargetDescription.Read(request.Target);
        var plan = new List<(string Name, string Directory, Action? MakeTarget)> { ("original", Path.Combine(request.Output, "original"), null) };
        IReadOnlyList<string> order;
        using (var original = TargetStore.Load(request.Target, DeviceChoice.Parse("cpu")))
        {
            order = CascadingRandomization.Order(original);
        }
        for (var parts = 1; parts <= order.Count; parts++)
        {
            var directory = Path.Combine(request.Output, $"cascade-{parts}-{order[parts - 1]}");
            var count = parts;
            plan.Add(($"random to {order[parts - 1]}", directory, () => SaveRandomised(request, count, Path.Combine(directory, "target"))));
        }
        if (request.LabelEpochs > 0 && TorchVisionArchitectures.IsKnown(description.Architecture))
        {
            var directory = Path.Combine(request.Output, "shuffled-labels-head");
            plan.Add(("shuffled labels (head)", directory, () => SaveShuffledHead(console, request, Path.Combine(directory, "target"), cancellation)));
        }
        else if (request.LabelEpochs > 0)
        {
            var directory = Path.Combine(request.Output, "shuffled-labels");
            plan.Add(("shuffled labels", directory, () => TrainTargetCommand.Run(console,
                new TrainTargetRequest(description.Architecture, Path.Combine(directory, "target"), request.LabelEpochs, request.Data, request.Device,
                    request.Seed, ShuffleLabels: true, ImageSize: description.InputShape.Height), cancellation)));
        }
        var states = new List<SanityState>();
        foreach (var (name, directory, makeTarget) in plan)
        {
            cancellation.ThrowIfCancellationRequested();
            console.Info($"sanity {states.Count + 1}/{plan.Count}: {name}");
            var targetDirectory = makeTarget is null ? request.Target : Path.Combine(directory, "target");
            if (makeTarget is not null && !File.Exists(Path.Combine(targetDirectory, TargetDescription.FileName)))
            {
                makeTarget();
            }
            var report = ExperimentStep.Run(console, directory, new ScanSettings(), decoderOptions, evaluation with { Target = targetDirectory }, cancellation);
            states.Add(new SanityState(name, report));
        }
        return states;
    }

    private static void SaveRandomised(SanityRequest request, int parts, string directory)
    {
        using var model = TargetStore.Load(request.Target, DeviceChoice.Parse("cpu"));
        CascadingRandomization.Apply(model, parts, request.Seed);
        TargetStore.Save(model.Module, model.Description with { TestAccuracy = null }, directory);
    }

    private static void SaveShuffledHead(ScanConsole console, SanityRequest request, string directory, CancellationToken cancellation)
    {
        using var model = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        var head = TorchVisionArchitectures.HeadModule(model.Description.Architecture);
        var (train, test) = (model.OpenData(request.Data, DataSplit.Train, skipBadFiles: false), model.OpenData(request.Data, DataSplit.Test, skipBadFiles: false));
        var options = new HeadTrainingOptions(Epochs: request.LabelEpochs, Seed: (int)request.Seed, Limit: request.DecoderLimit);
        var result = ShuffledLabelHead.Fit(model, head, train, test, options, message => console.Progress(message), cancellation);
        TargetStore.Save(model.Module, model.Description with
        {
            TestAccuracy = result.TestAccuracy,
            DataSet = $"{model.Description.DataSet}; head '{head}' refitted from zero on {train.Name} with shuffled labels",
        }, directory);
    }

    private static void Print(ScanConsole console, IReadOnlyList<string> methods, IReadOnlyList<SanityState> states) =>
        console.Table("Sanity checks: AUC-D per state (≈ 0 once the target is randomised; accuracy on the scored images)",
            ["state", "accuracy %", .. methods],
            states.Select(s => (IReadOnlyList<string>)[s.Name, $"{s.Report.Accuracy:F2}", .. methods.Select(m => $"{s.Report.Methods[m].AucDifference:F2}")]));
}

/// <summary>The options of `scan sanity`.</summary>
public sealed record SanityRequest(
    string Target, string Output, IReadOnlyList<string> Methods, int Limit, int DecoderEpochs, int? DecoderLimit, int LabelEpochs,
    string Data, string Device, long Seed);

/// <summary>One state of the sanity check and its evaluation.</summary>
public sealed record SanityState([property: JsonPropertyName("state")] string Name, [property: JsonPropertyName("report")] EvaluationReport Report)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
}

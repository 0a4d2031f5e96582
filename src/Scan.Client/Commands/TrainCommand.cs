using System.CommandLine;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary><c>scan train</c>: trains a SCAN decoder for a target on Fashion-MNIST's training split.</summary>
public static class TrainCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var output = new Option<string>("--out") { Description = "directory for decoder.json, decoder.bin and checkpoint.bin", Required = true };
        var resume = new Option<bool>("--resume") { Description = "continue from --out's checkpoint.bin" };
        var epochs = new Option<int>("--epochs") { Description = "epochs", DefaultValueFactory = _ => 5 };
        var batchSize = new Option<int>("--batch-size") { Description = "samples per step", DefaultValueFactory = _ => 128 };
        var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate at step 0 (cosine-annealed to 1e-6)", DefaultValueFactory = _ => 1e-3 };
        var limit = new Option<int?>("--limit") { Description = "train on the first N training samples only" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "also checkpoint every K steps (0: at epoch ends only)" };
        var settings = ScanSettingsOptions.Create();
        var (data, skipBad, device, seed, layer) = (CommonOptions.Data(), CommonOptions.SkipBadFiles(), CommonOptions.Device(), CommonOptions.Seed(), CommonOptions.Layer());
        var command = new Command("train", "Train a SCAN decoder (Adam, cosine schedule, a checkpoint each epoch)")
        {
            target, output, resume, epochs, batchSize, learningRate, limit, checkpointEvery, layer, data, skipBad, device, seed,
        };
        settings.AddTo(command);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var options = new DecoderTrainingOptions
            {
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batchSize), LearningRate = parse.GetValue(learningRate),
                Limit = parse.GetValue(limit), CheckpointEverySteps = parse.GetValue(checkpointEvery), Seed = parse.GetValue(seed),
            };
            var request = new TrainRequest(parse.GetValue(target)!, parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(layer),
                settings.Read(parse), options, parse.GetValue(data)!, parse.GetValue(skipBad), parse.GetValue(device)!);
            Run(console, request, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }

    public static IReadOnlyList<EpochSummary> Run(ScanConsole console, TrainRequest request, CancellationToken cancellation)
    {
        var checkpoint = Path.Combine(request.Output, DecoderDescription.CheckpointFileName);
        if (!request.Resume && (File.Exists(checkpoint) || File.Exists(Path.Combine(request.Output, DecoderDescription.WeightsFileName))))
        {
            throw new ScanInputException($"--out {request.Output} already holds a decoder or a checkpoint: pass --resume to continue it, or choose another directory.");
        }
        using var model = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        var train = DataSource.Open(request.Data, DataSplit.Train, model.InputShape, request.SkipBadFiles, console.Warning);
        var (trainer, start) = request.Resume
            ? DecoderTrainer.Resume(model, checkpoint)
            : (DecoderTrainer.Create(model, model.ResolveLayer(request.Layer), request.Settings.Validate(), request.Options.Validate()),
               new TrainingPosition(0, 0, 0, []));
        using (trainer)
        {
            var description = trainer.Description;
            console.Info($"Training a {description.Layout.Kind} decoder for {request.Target} layer {description.Layer} on {model.Device.type}: " +
                $"{description.Training.Epochs} epochs, batch {description.Training.BatchSize}, α = {description.Settings.Alpha} (target area {description.Settings.TargetArea:F3})" +
                (request.Resume ? $", resuming at epoch {start.Epoch + 1} step {start.StepInEpoch + 1}" : ""));
            var history = DecoderTraining.Run(trainer, model, train, request.Output, start, p => console.Progress(
                $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch}  loss {p.Loss:F4}  area {p.MeanArea:F3}  {p.SamplesPerSecond:F0} samples/s",
                force: p.Step == p.StepsPerEpoch), cancellation);
            console.Success($"Decoder written to {request.Output}.");
            return history;
        }
    }
}

/// <summary>The options of one decoder training, shared by <c>scan train</c> and <c>scan demo</c>.</summary>
public sealed record TrainRequest(string Target, string Output, bool Resume, string? Layer, ScanSettings Settings, DecoderTrainingOptions Options, string Data, bool SkipBadFiles, string Device);

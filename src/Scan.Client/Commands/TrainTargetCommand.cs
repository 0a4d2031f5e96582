using System.CommandLine;
using Scan.Client.Output;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Sanity;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary><c>scan train-target</c>: trains a CNN or ViT classifier on Fashion-MNIST and writes it as a target directory.</summary>
public static class TrainTargetCommand
{
    public static Command Create(ScanConsole console)
    {
        var model = new Option<string>("--model") { Description = "architecture", Required = true }.AcceptOnlyFromAmong([.. TargetArchitectures.Names]);
        var output = new Option<string>("--out") { Description = "directory for target.json and weights.bin", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "epochs (default: the architecture's recipe)" };
        var (data, device, seed) = (CommonOptions.Data(), CommonOptions.Device(), CommonOptions.Seed());
        var command = new Command("train-target", "Train a target classifier (cnn or vit) on Fashion-MNIST (1×32×32, zero-padded)") { model, output, epochs, data, device, seed };
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var result = Run(console, new TrainTargetRequest(parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(epochs),
                parse.GetValue(data)!, parse.GetValue(device)!, parse.GetValue(seed)), cancellation);
            console.Success($"{parse.GetValue(output)}: test accuracy {result.Description.TestAccuracy:P2} after {result.Elapsed.TotalMinutes:F1} min.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static TargetTrainingResult Run(ScanConsole console, TrainTargetRequest request, CancellationToken cancellation)
    {
        IImageDataset train = FashionMnistDataset.Load(request.Data, DataSplit.Train);
        if (request.ShuffleLabels)
        {
            train = new ShuffledLabels(train, (int)request.Seed);
        }
        var test = FashionMnistDataset.Load(request.Data, DataSplit.Test);
        var options = TargetTrainingOptions.For(request.Model) with
        {
            Device = DeviceChoice.Parse(request.Device), Seed = (int)request.Seed, Preprocessing = FashionMnistDataset.Preprocessing,
        };
        if (request.Epochs is { } epochs)
        {
            options = options with { Epochs = epochs };
        }
        console.Info($"Training a {request.Model} target on Fashion-MNIST ({train.Count} images, {options.Epochs} epochs) on {options.Device.type}.");
        var result = TargetTrainer.Train(train, test, options, p => console.Progress(p.TestAccuracy is { } accuracy && double.IsNaN(p.Loss)
            ? $"test accuracy {accuracy:P2}, inference {p.ImagesPerSecond:F0} images/s"
            : $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.BatchesPerEpoch}  loss {p.Loss:F4}  {p.ImagesPerSecond:F0} images/s" +
              (p.TestAccuracy is { } epochAccuracy ? $"  test accuracy {epochAccuracy:P2}" : ""), force: p.TestAccuracy is not null), cancellation);
        TargetStore.Save(result.Module, result.Description, request.Output);
        return result;
    }
}

/// <summary>The options of one target training, shared by <c>scan train-target</c>, <c>scan demo</c> and <c>scan sanity</c> (which shuffles the labels).</summary>
public sealed record TrainTargetRequest(string Model, string Output, int? Epochs, string Data, string Device, long Seed, bool ShuffleLabels = false);

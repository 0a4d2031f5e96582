using System.CommandLine;
using Scan.Client.Output;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Sanity;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary><c>scan train-target</c>: trains a CNN or ViT classifier on Fashion-MNIST or an image folder and writes it as a target directory.</summary>
public static class TrainTargetCommand
{
    /// <summary>The side of `scan make-dataset`'s images.</summary>
    public const int DefaultImageSize = 64;

    public static Command Create(ScanConsole console)
    {
        var model = new Option<string>("--model") { Description = "architecture", Required = true }.AcceptOnlyFromAmong([.. TargetArchitectures.Names]);
        var output = new Option<string>("--out", "-o") { Description = "directory for target.json and weights.safetensors", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "epochs (default: the architecture's recipe)" };
        var imageSize = new Option<int>("--image-size") { Description = "side in pixels that an image folder's images are read at (Fashion-MNIST is always 32)", DefaultValueFactory = _ => DefaultImageSize };
        var (data, device, seed) = (CommonOptions.Data(), CommonOptions.Device(), CommonOptions.Seed());
        var command = new Command("train-target", "Train a target classifier (cnn or vit) on Fashion-MNIST (1×32×32, zero-padded) or an image folder with train/ and test/ (RGB)")
        {
            model, output, epochs, imageSize, data, device, seed,
        };
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var result = Run(console, new TrainTargetRequest(parse.GetValue(model)!, parse.GetValue(output)!, parse.GetValue(epochs),
                parse.GetValue(data)!, parse.GetValue(device)!, parse.GetValue(seed), ImageSize: parse.GetValue(imageSize)), cancellation);
            console.Success($"{parse.GetValue(output)}: test accuracy {result.Description.TestAccuracy:P2} after {result.Elapsed.TotalMinutes:F1} min.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static TargetTrainingResult Run(ScanConsole console, TrainTargetRequest request, CancellationToken cancellation)
    {
        var data = TargetTrainingData.Open(request.Data, request.Model, request.ImageSize);
        var train = request.ShuffleLabels ? new ShuffledLabels(data.Train, (int)request.Seed) : data.Train;
        var options = TargetTrainingOptions.For(request.Model) with
        {
            Device = DeviceChoice.Parse(request.Device), Seed = (int)request.Seed, Preprocessing = data.Preprocessing,
            Normalization = data.Normalization, Hyperparameters = data.Hyperparameters,
        };
        if (request.Epochs is { } epochs)
        {
            options = options with { Epochs = epochs };
        }
        var shape = train.Shape;
        console.Info($"Training a {request.Model} target on {train.Name} ({train.Count} images, {shape.Channels}×{shape.Height}×{shape.Width}, {options.Epochs} epochs) on {options.Device.type}.");
        var result = TargetTrainer.Train(train, data.Test, options, p => console.Progress(p.TestAccuracy is { } accuracy && double.IsNaN(p.Loss)
            ? $"test accuracy {accuracy:P2}, inference {p.ImagesPerSecond:F0} images/s"
            : $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.BatchesPerEpoch}  loss {p.Loss:F4}  {p.ImagesPerSecond:F0} images/s" +
              (p.TestAccuracy is { } epochAccuracy ? $"  test accuracy {epochAccuracy:P2}" : ""), force: p.TestAccuracy is not null), cancellation);
        result = result with { Description = result.Description with { ImagePadding = data.ImagePadding } };
        TargetStore.Save(result.Module, result.Description, request.Output);
        return result;
    }
}

/// <summary>The options of one target training, shared by <c>scan train-target</c>, <c>scan demo</c> and <c>scan sanity</c> (which shuffles the labels).</summary>
public sealed record TrainTargetRequest(string Model, string Output, int? Epochs, string Data, string Device, long Seed, bool ShuffleLabels = false,
    int ImageSize = TrainTargetCommand.DefaultImageSize);

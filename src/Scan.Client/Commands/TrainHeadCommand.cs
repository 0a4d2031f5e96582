using System.CommandLine;
using Scan.Client.Output;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Models.Imported;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary><c>scan train-head</c>: fits a target's classifier head on an image folder, the rest frozen, and writes the result as a new target.</summary>
public static class TrainHeadCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var output = new Option<string>("--out", "-o") { Description = "target directory to create with the trained head", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "epochs over the cached features", DefaultValueFactory = _ => 20 };
        var limit = new Option<int?>("--limit", "-n") { Description = "train on the first N training images" };
        var (data, device, seed) = (CommonOptions.Data(), CommonOptions.Device(), CommonOptions.Seed());
        var command = new Command("train-head", "Train a target's classifier head (a linear probe: the rest stays frozen) on an image folder's train/ split; test accuracy on test/")
        {
            target, output, epochs, limit, data, device, seed,
        };
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var directory = parse.GetValue(output)!;
            TargetStore.RequireNewDirectory(directory);
            using var model = TargetStore.Load(parse.GetValue(target)!, DeviceChoice.Parse(parse.GetValue(device)!));
            var dataPath = parse.GetValue(data)!;
            var (train, test) = (model.OpenData(dataPath, DataSplit.Train, skipBadFiles: false), model.OpenData(dataPath, DataSplit.Test, skipBadFiles: false));
            var options = new HeadTrainingOptions(Epochs: parse.GetValue(epochs), Seed: (int)parse.GetValue(seed), Limit: parse.GetValue(limit));
            var head = TorchVisionArchitectures.HeadModule(model.Description.Architecture);
            var result = HeadTrainer.Train(model, head, train, test, options, message => console.Progress(message), cancellation);
            var description = model.Description with
            {
                TestAccuracy = result.TestAccuracy,
                DataSet = $"{model.Description.DataSet}; head '{head}' trained on {train.Name} ({Math.Min(options.Limit ?? train.Count, train.Count)} images, {options.Epochs} epochs)",
            };
            TargetStore.Save(model.Module, description, directory);
            console.Success($"{directory}: test accuracy {result.TestAccuracy:P2} on {test.Name} after {result.Elapsed.TotalMinutes:F1} min (features at {result.FeatureImagesPerSecond:F0} images/s).");
            return ExitCodes.Success;
        });
        return command;
    }
}

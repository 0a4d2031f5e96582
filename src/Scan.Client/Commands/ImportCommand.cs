using System.CommandLine;
using Scan.Client.Output;
using Scan.Core.Models.Imported;

namespace Scan.Client.Commands;

/// <summary><c>scan import</c>: a classifier trained in PyTorch (torchvision's module names) as a target directory.</summary>
public static class ImportCommand
{
    public static Command Create(ScanConsole console)
    {
        var architecture = new Option<string>("--arch") { Description = "the model's torchvision architecture", Required = true }
            .AcceptOnlyFromAmong([.. TorchVisionArchitectures.Names]);
        var weights = new Option<string>("--weights") { Description = $"its weights: a state_dict as {string.Join(", ", StateDictFile.Extensions)}", Required = true };
        var classes = new Option<string?>("--classes") { Description = "a text file with one class name per line, in the head's order (default: 0, 1, …)" };
        var imageSize = new Option<int>("--image-size") { Description = "side of the square input the model is fed (after the shorter side is resized to size/0.875)", DefaultValueFactory = _ => 224 };
        var output = new Option<string>("--out", "-o") { Description = "target directory to create (target.json + weights.safetensors)", Required = true };
        var command = new Command("import", "Import a PyTorch classifier (torchvision ResNet or ViT-B/16; state_dict or ONNX) as a target that every command accepts")
        {
            architecture, weights, classes, imageSize, output,
        };
        command.SetScanAction(console, (parse, _) =>
        {
            var (description, newHead) = ModelImporter.Import(new ImportRequest(parse.GetValue(architecture)!, parse.GetValue(weights)!, parse.GetValue(classes),
                parse.GetValue(imageSize), parse.GetValue(output)!));
            if (newHead)
            {
                console.Warning($"{parse.GetValue(weights)} has no classifier head: the target has a new, untrained one of {description.ClassNames.Count} classes; its predictions mean nothing until the head is trained.");
            }
            console.Success($"{parse.GetValue(output)}: a {description.Architecture} with {description.ClassNames.Count} classes at {description.InputShape.Height}×{description.InputShape.Width}; SCAN explains '{description.DefaultLayer}' by default (`scan layers` lists the others).");
            return ExitCodes.Success;
        });
        return command;
    }
}

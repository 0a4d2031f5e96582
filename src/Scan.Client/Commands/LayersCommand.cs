using System.CommandLine;
using System.Text.Json;
using Scan.Client.Output;
using Scan.Core.Devices;
using Scan.Core.Models;

namespace Scan.Client.Commands;

/// <summary><c>scan layers</c>: every layer of a target with its output shape, and which of them SCAN can explain.</summary>
public static class LayersCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var (device, format) = (CommonOptions.Device(), CommonOptions.Format());
        var command = new Command("layers", "List a target's layers (modules), their output shapes and which SCAN can explain") { target, device, format };
        command.SetScanAction(console, (parse, _) =>
        {
            using var model = TargetStore.Load(parse.GetValue(target)!, DeviceChoice.Parse(parse.GetValue(device)!));
            var defaultLayer = model.ResolveLayer(null);
            var shapes = model.LayerShapes();
            if (parse.GetValue(format) == "json")
            {
                console.Result(JsonSerializer.Serialize(shapes.Select(layer => (layer, detail: Explainable(layer))).Select(entry => new
                {
                    layer = entry.layer.Layer,
                    output = entry.layer.Shape,
                    explainable = entry.detail.StartsWith("yes", StringComparison.Ordinal),
                    entry.detail,
                    @default = entry.layer.Layer == defaultLayer,
                })));
                return ExitCodes.Success;
            }
            console.Table($"{model.Description.Architecture} target, input {model.InputShape.Channels}×{model.InputShape.Height}×{model.InputShape.Width}",
                ["layer", "output", "explainable", "default"],
                shapes.Select(layer => (IReadOnlyList<string>)[layer.Layer, Describe(layer), Explainable(layer), layer.Layer == defaultLayer ? "yes" : ""]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(LayerShape layer) => layer.Shape is null ? "does not run" : string.Join("×", layer.Shape);

    private static string Explainable(LayerShape layer)
    {
        if (layer.Shape is null)
        {
            return "no";
        }
        if (layer.Calls > 1)
        {
            return $"no: runs {layer.Calls}× per pass";
        }
        return FeatureLayout.TryFromShape(layer.Shape) switch
        {
            { Grid: < 2 } => "no: a 1×1 map has no places",
            { Kind: FeatureKind.Spatial, Grid: var grid } => $"yes, {grid}×{grid} map",
            { Grid: var grid } => $"yes, {grid}×{grid} patch tokens",
            null => "no: not C×g×g or tokens",
        };
    }
}

using System.CommandLine;
using Scan.Client.Output;
using Scan.Core.Devices;
using Scan.Core.Models;

namespace Scan.Client.Commands;

/// <summary><c>scan layers</c>: the layers of a target that SCAN can explain, with their feature shapes.</summary>
public static class LayersCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var device = CommonOptions.Device();
        var command = new Command("layers", "List a target's layers and their feature shapes") { target, device };
        command.SetScanAction(console, (parse, _) =>
        {
            using var model = TargetStore.Load(parse.GetValue(target)!, DeviceChoice.Parse(parse.GetValue(device)!));
            var defaultLayer = model.ResolveLayer(null);
            console.Table($"{model.Description.Architecture} target, input {model.InputShape.Channels}×{model.InputShape.Height}×{model.InputShape.Width}",
                ["layer", "features", "grid", "default"],
                model.LayerNames.Select(name =>
                {
                    var layout = model.LayoutOf(name);
                    var shape = layout.Kind == FeatureKind.Spatial
                        ? $"{layout.Channels}×{layout.Grid}×{layout.Grid}"
                        : $"{(layout.Grid * layout.Grid) + 1} tokens × {layout.Channels}";
                    return (IReadOnlyList<string>)[name, shape, $"{layout.Grid}×{layout.Grid}", name == defaultLayer ? "yes" : ""];
                }));
            foreach (var name in model.LayerNames)
            {
                console.Result(name);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Explainers;
using Scan.Core.Imaging;
using Scan.Core.Models;
using Scan.Core.Training;
using static TorchSharp.torch;

namespace Scan.Client.Commands;

/// <summary><c>scan explain</c>: one PNG with an image, its SCAN confidence map overlaid, and the reconstruction.</summary>
public static class ExplainCommand
{
    private const int FigureScale = 8;

    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var decoder = CommonOptions.Decoder();
        var image = new Option<string?>("--image") { Description = "a JPEG or PNG file to explain" };
        var index = new Option<int?>("--index") { Description = "explain Fashion-MNIST test image N instead" };
        var explainedClass = new Option<string?>("--class") { Description = "class to explain, by index or name (default: the prediction)" };
        var percentile = new Option<double?>("--percentile") { Description = "gradient-mask percentile P in [0, 100] (default: the decoder's, 95)" };
        var output = new Option<string>("--out") { Description = "PNG file to write", Required = true };
        var (data, device) = (CommonOptions.Data(), CommonOptions.Device());
        var command = new Command("explain", "Explain one image with a trained SCAN decoder") { target, decoder, image, index, explainedClass, percentile, output, data, device };
        command.SetScanAction(console, (parse, _) =>
        {
            var request = new ExplainRequest(parse.GetValue(target)!, parse.GetValue(decoder)!, parse.GetValue(image), parse.GetValue(index),
                parse.GetValue(explainedClass), parse.GetValue(percentile), parse.GetValue(output)!, parse.GetValue(data)!, parse.GetValue(device)!);
            var result = Run(request);
            console.Success($"{request.Output}: class {result.ClassName} (predicted {result.PredictedName}), confidence area {result.MeanConfidence:F3}.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static ExplainResult Run(ExplainRequest request)
    {
        if ((request.Image is null) == (request.Index is null))
        {
            throw new ScanInputException("Give exactly one of --image FILE and --index N.");
        }
        ScanExplainer.CheckPercentile(request.Percentile);
        if (!request.Output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new ScanInputException($"--out {request.Output}: the figure is a PNG; name it *.png.");
        }
        using var model = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        var shape = model.InputShape;
        var pixels = new float[shape.Length];
        if (request.Image is not null)
        {
            ImageFileReader.ReadChecked(request.Image, shape, pixels);
        }
        else
        {
            var test = DataSource.Open(request.Data, DataSplit.Test, shape, skipBadFiles: false);
            if (request.Index < 0 || request.Index >= test.Count)
            {
                throw new ScanInputException($"--index {request.Index}: the test set has images 0 to {test.Count - 1}.");
            }
            test.Read(request.Index!.Value, pixels);
        }
        var (description, decoderModule) = DecoderStore.Load(request.Decoder, model);
        using var explainer = new ScanExplainer(model, description, decoderModule, request.Percentile);
        using var scope = NewDisposeScope();
        var images = tensor(pixels, [1, shape.Channels, shape.Height, shape.Width]).to(model.Device);
        var predicted = (int)model.Logits(images).argmax(1).item<long>();
        var explained = request.Class is null ? predicted : ParseClass(request.Class, model.Description.ClassNames);
        var (confidence, reconstruction) = explainer.ExplainWithReconstruction(images, tensor(new long[] { explained }));
        var map = confidence.cpu().data<float>().ToArray();
        ExplanationFigure.Write(request.Output, shape, pixels, map, reconstruction.cpu().data<float>().ToArray(), FigureScale);
        var names = model.Description.ClassNames;
        return new ExplainResult(names[explained], names[predicted], map.Average());
    }

    private static int ParseClass(string text, IReadOnlyList<string> names)
    {
        if (int.TryParse(text, out var index) && index >= 0 && index < names.Count)
        {
            return index;
        }
        var byName = names.ToList().FindIndex(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return byName >= 0
            ? byName
            : throw new ScanInputException($"--class {text}: not a class index 0–{names.Count - 1} or a class name ({string.Join(", ", names)}).");
    }
}

public sealed record ExplainRequest(string Target, string Decoder, string? Image, int? Index, string? Class, double? Percentile, string Output, string Data, string Device);

public sealed record ExplainResult(string ClassName, string PredictedName, double MeanConfidence);

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

/// <summary>
/// <c>scan explain</c>: one PNG with an image and its map overlaid; for SCAN (the default method) the confidence map
/// and, third, the reconstruction.
/// </summary>
public static class ExplainCommand
{
    /// <summary>Each tile is drawn about this many pixels wide: 32-pixel inputs 8× enlarged, 224-pixel ones as they are.</summary>
    private const int FigureTileWidth = 256;

    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var decoder = CommonOptions.Decoder(required: false);
        var method = new Option<string>("--method") { Description = "method: " + string.Join(", ", ExplainerRegistry.Names), DefaultValueFactory = _ => "scan" };
        var image = new Option<string?>("--image") { Description = "a JPEG or PNG file to explain" };
        var index = new Option<int?>("--index") { Description = "explain Fashion-MNIST test image N instead" };
        var explainedClass = new Option<string?>("--class") { Description = "class to explain, by index or name (default: the prediction)" };
        var percentile = new Option<double?>("--percentile") { Description = "gradient-mask percentile P in [0, 100] (default: the decoder's, 95)" };
        var output = new Option<string>("--out", "-o") { Description = "PNG file to write", Required = true };
        var (data, device, layer, seed, format) = (CommonOptions.Data(), CommonOptions.Device(), CommonOptions.Layer(), CommonOptions.Seed(), CommonOptions.Format());
        var command = new Command("explain", "Explain one image with a trained SCAN decoder or another method")
        {
            target, decoder, method, image, index, explainedClass, percentile, output, data, device, layer, seed, format,
        };
        var perturbation = PerturbationOptions.Create();
        perturbation.AddTo(command);
        command.SetScanAction(console, (parse, _) =>
        {
            var request = new ExplainRequest(parse.GetValue(target)!, parse.GetValue(decoder), parse.GetValue(image), parse.GetValue(index),
                parse.GetValue(explainedClass), parse.GetValue(percentile), parse.GetValue(output)!, parse.GetValue(data)!, parse.GetValue(device)!)
            {
                Method = parse.GetValue(method)!, Layer = parse.GetValue(layer), Seed = parse.GetValue(seed), Perturbation = perturbation.Read(parse),
            };
            var result = Run(request);
            if (result.Reading is { Changes.Count: > 0 } reading)
            {
                console.Info($"{request.Image} ({reading.Width}×{reading.Height}): {string.Join("; ", reading.Changes)}.");
            }
            var area = request.Method == "scan" ? "confidence area" : "mean saliency";
            if (parse.GetValue(format) == "json")
            {
                console.Result(System.Text.Json.JsonSerializer.Serialize(new
                {
                    figure = request.Output,
                    method = request.Method,
                    @class = result.ClassName,
                    predicted = result.PredictedName,
                    top_classes = result.TopClasses.Select(c => new { name = c.Name, probability_percent = Math.Round(c.Probability * 100, 2) }),
                    mean_map = Math.Round(result.MeanConfidence, 4),
                    image_changes = result.Reading?.Changes ?? [],
                }));
                return ExitCodes.Success;
            }
            console.Result($"top classes: {string.Join(", ", result.TopClasses.Select(c => $"{c.Name} {c.Probability:P1}"))}");
            console.Success($"{request.Output}: class {result.ClassName} (predicted {result.PredictedName}), {area} {result.MeanConfidence:F3}.");
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
        if (!ExplainerRegistry.Names.Contains(request.Method))
        {
            throw new ScanInputException($"--method {request.Method}: unknown; the methods are: {string.Join(", ", ExplainerRegistry.Names)}.");
        }
        ScanExplainer.CheckPercentile(request.Percentile);
        if (!request.Output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new ScanInputException($"--out {request.Output}: the figure is a PNG; name it *.png.");
        }
        if (Path.GetDirectoryName(Path.GetFullPath(request.Output)) is { } folder && !Directory.Exists(folder))
        {
            throw new ScanInputException($"--out {request.Output}: the directory {folder} does not exist; create it first.");
        }
        using var model = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        var shape = model.InputShape;
        var pixels = new float[shape.Length];
        ImageReading? reading = null;
        if (request.Image is not null)
        {
            reading = model.ReadImage(request.Image, pixels);
        }
        else
        {
            var test = model.OpenData(request.Data, DataSplit.Test, skipBadFiles: false);
            if (request.Index < 0 || request.Index >= test.Count)
            {
                throw new ScanInputException($"--index {request.Index}: the test set has images 0 to {test.Count - 1}.");
            }
            test.Read(request.Index!.Value, pixels);
        }
        using var scope = NewDisposeScope();
        var images = tensor(pixels, [1, shape.Channels, shape.Height, shape.Width]).to(model.Device);
        var probabilities = model.Logits(images).softmax(1);
        var predicted = (int)probabilities.argmax(1).item<long>();
        var explained = request.Class is null ? predicted : ParseClass(request.Class, model.Description.ClassNames);
        var probability = probabilities[0, explained].item<float>();
        var classes = tensor(new long[] { explained });
        var explainer = CreateExplainer(request, model);
        float[] map;
        float[]? reconstruction = null;
        var method = explainer.Name;
        try
        {
            if (explainer is ScanExplainer scan)
            {
                var (confidence, reconstructed) = scan.ExplainWithReconstruction(images, classes);
                (map, reconstruction) = (confidence.cpu().data<float>().ToArray(), reconstructed.cpu().data<float>().ToArray());
            }
            else
            {
                map = explainer.Explain(images, classes).cpu().data<float>().ToArray();
            }
        }
        finally
        {
            (explainer as IDisposable)?.Dispose();
        }
        var names = model.Description.ClassNames;
        ExplanationFigure.Write(request.Output, shape, pixels, map, reconstruction, Math.Max(1, FigureTileWidth / shape.Width), $"{method}: {names[explained]} ({probability:P0})");
        var top = probabilities[0].cpu().data<float>().ToArray().Select((p, i) => (names[i], (double)p)).OrderByDescending(c => c.Item2).Take(3).ToArray();
        return new ExplainResult(names[explained], names[predicted], map.Average()) { Reading = reading, TopClasses = top };
    }

    /// <summary>The method asked for; SCAN without --layer explains at its decoder's layer.</summary>
    private static IExplainer CreateExplainer(ExplainRequest request, TargetModel model)
    {
        if (request is { Method: "scan", Decoder: not null, Layer: null })
        {
            var (description, decoderModule) = DecoderStore.Load(request.Decoder, model);
            return new ScanExplainer(model, description, decoderModule, request.Percentile);
        }
        var context = new ExplainerContext(model, model.ResolveLayer(request.Layer), request.Decoder, request.Percentile, request.Seed) { Perturbation = request.Perturbation };
        return ExplainerRegistry.Create(request.Method, context);
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

public sealed record ExplainRequest(string Target, string? Decoder, string? Image, int? Index, string? Class, double? Percentile, string Output, string Data, string Device)
{
    /// <summary>The registered method to explain with (<c>scan</c> needs <see cref="Decoder"/>).</summary>
    public string Method { get; init; } = "scan";

    public string? Layer { get; init; }

    public long Seed { get; init; } = 1;

    public PerturbationExplainerSettings Perturbation { get; init; } = new();
}

public sealed record ExplainResult(string ClassName, string PredictedName, double MeanConfidence)
{
    /// <summary>How a user's image file was read (null for a test-set image).</summary>
    public ImageReading? Reading { get; init; }

    /// <summary>The three most probable classes, most probable first.</summary>
    public IReadOnlyList<(string Name, double Probability)> TopClasses { get; init; } = [];
}

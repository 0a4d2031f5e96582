using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scan.Core.Data;
using Scan.Core.Evaluation;
using Scan.Core.Models;

namespace Scan.Client.Commands;

/// <summary>The content of `scan report`: what was compared, how, and the results, as JSON and as Markdown.</summary>
public sealed record ReportDocument(
    [property: JsonIgnore] EvaluationRequest Request,
    [property: JsonIgnore] TargetDescription Target,
    [property: JsonPropertyName("evaluation")] EvaluationReport Evaluation,
    [property: JsonPropertyName("command")] string Command)
{
    public const string JsonFileName = "report.json";
    public const string MarkdownFileName = "report.md";
    public const string GridFileName = "grid.png";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonPropertyName("target")]
    public string TargetDirectory => Request.Target;

    [JsonPropertyName("architecture")]
    public string Architecture => Target.Architecture;

    [JsonPropertyName("layer")]
    public string Layer => Request.Layer ?? Target.DefaultLayer;

    /// <summary>In percent, like every other score of the report.</summary>
    [JsonPropertyName("test_accuracy")]
    public double? TestAccuracy => Target.TestAccuracy is { } fraction ? Math.Round(fraction * 100, 2) : null;

    [JsonPropertyName("decoder")]
    public string? Decoder => Request.Decoder;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var methods = Evaluation.Methods;
        var images = methods.Values.FirstOrDefault()?.Images ?? 0;
        text.AppendLine(CultureInfo.InvariantCulture, $"# Methods compared on the {Architecture} target (layer {Layer})");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Made by `{Command}`.");
        var data = DataSource.IsFashionMnist(Request.Data) ? "Fashion-MNIST" : $"`{Request.Data}`";
        var localisation = methods.Values.Any(m => m.PointingGame is not null);
        text.AppendLine(CultureInfo.InvariantCulture, $"The first {images} {data} test images; the target's accuracy on them: {Evaluation.Accuracy:F2} %.");
        text.AppendLine("All values in percent except the times. Lower pos AUC and Drop% are better; higher neg AUC, AUC-D, Increase% and Win% are better.");
        if (localisation)
        {
            text.AppendLine("Against the data's object masks (higher is better): the pointing game (the map's maximum on the object), the energy pointing game (the share of the map's sum on it) and the IoU of the map's top 20 % with it.");
        }
        if (Evaluation.WinAgainst is { } comparator)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Win% vs {comparator}: the share of images on which a method's drop is smaller than {comparator}'s (ties count ½).");
        }
        text.AppendLine("Win% lowest: the share of images on which the method has the lowest drop of all methods here (k tied methods get 1/k each).");
        text.AppendLine("Times: the explanation alone, per image, in batches of 100 on this run's device.");
        text.AppendLine();
        var masks = localisation ? " pointing game | energy pointing game | top-20 % IoU |" : "";
        text.AppendLine("| method | AUC-D | neg AUC | pos AUC | Drop% | Increase% | Win% vs " + (Evaluation.WinAgainst ?? "—") + " | Win% lowest |" + masks + " ms/image | images/s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|" + (localisation ? "---|---|---|" : "") + "---|---|");
        foreach (var (name, s) in methods.OrderByDescending(m => m.Value.AucDifference))
        {
            var located = localisation ? FormattableString.Invariant($" {s.PointingGame:F2} | {s.EnergyPointingGame:F2} | {s.TopAreaIou:F2} |") : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {s.AucDifference:F2} | {s.NegativeAuc:F2} | {s.PositiveAuc:F2} | {s.Drop:F2} | {s.Increase:F2} | {(s.WinPairwise is { } w ? w.ToString("F2", CultureInfo.InvariantCulture) : "—")} | {s.WinLowestDrop:F2} |{located} {s.MillisecondsPerImage:F2} | {s.ImagesPerSecond:F1} |");
        }
        if (methods.TryGetValue("random", out var random) && random.RandomMaps is { } draws)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Random-map check: {draws} random maps per image, AUC-D {random.RandomAucDifferenceMean:F2} ± {random.RandomAucDifferenceStd:F2} (mean ± standard deviation over the maps).");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![explanations]({GridFileName})");
        text.AppendLine();
        text.AppendLine("Grid: one row per test image (the first ones), the input first, then " + string.Join(", ", methods.Keys) + ".");
        return text.ToString();
    }
}

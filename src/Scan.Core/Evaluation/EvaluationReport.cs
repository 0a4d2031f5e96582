using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scan.Core.Evaluation;

/// <summary>
/// One method's results, as `scan evaluate --format json` prints them. Percentages: perturbation AUCs, Drop%,
/// Increase% and the two Win% forms (<c>win_pairwise</c> against the report's <c>win_against</c>, absent when that
/// method was not evaluated; <c>win_lowest_drop</c> among all evaluated methods). Explanation time per image
/// excludes the metrics. <c>random_maps</c>, <c>auc_d_mean</c> and <c>auc_d_std</c> (sample standard deviation over
/// the draws) appear for a random map scored with several draws per image; its other fields are for draw 0.
/// With ground-truth object masks (a data set made by `scan make-dataset`), <c>pointing_game</c>,
/// <c>energy_pointing_game</c> and <c>top20_iou</c> (percent) follow.
/// </summary>
public sealed record MethodScores(
    [property: JsonPropertyName("pos_auc")] double PositiveAuc,
    [property: JsonPropertyName("neg_auc")] double NegativeAuc,
    [property: JsonPropertyName("auc_d")] double AucDifference,
    [property: JsonPropertyName("n")] long Images,
    [property: JsonPropertyName("drop")] double Drop,
    [property: JsonPropertyName("increase")] double Increase,
    [property: JsonPropertyName("win_pairwise"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? WinPairwise,
    [property: JsonPropertyName("win_lowest_drop")] double WinLowestDrop,
    [property: JsonPropertyName("ms_per_image")] double MillisecondsPerImage,
    [property: JsonPropertyName("images_per_s")] double ImagesPerSecond,
    [property: JsonPropertyName("random_maps"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RandomMaps,
    [property: JsonPropertyName("auc_d_mean"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RandomAucDifferenceMean,
    [property: JsonPropertyName("auc_d_std"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RandomAucDifferenceStd,
    [property: JsonPropertyName("pointing_game"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? PointingGame = null,
    [property: JsonPropertyName("energy_pointing_game"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? EnergyPointingGame = null,
    [property: JsonPropertyName("top20_iou"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TopAreaIou = null)
{
    /// <summary>Scores from a method's totals; <paramref name="comparator"/> is the index of the pairwise Win% comparator, or −1 for none.</summary>
    public static MethodScores From(MethodTotals totals, int comparator)
    {
        var (perturbation, confidence, ranking) = (totals.Perturbation, totals.Confidence, totals.Ranking);
        var milliseconds = totals.ExplainTime.TotalMilliseconds / perturbation.Images;
        var draws = totals.RandomDraws.Select(d => d.AucDifference).ToArray();
        return new MethodScores(
            perturbation.PositiveAuc, perturbation.NegativeAuc, perturbation.AucDifference, perturbation.Images,
            confidence.Drop, confidence.Increase, comparator >= 0 ? ranking.WinAgainst(comparator) : null, ranking.WinLowestDrop,
            milliseconds, 1000 / milliseconds,
            draws.Length > 1 ? draws.Length : null, draws.Length > 1 ? draws.Average() : null, draws.Length > 1 ? SampleStd(draws) : null,
            totals.Localisation?.PointingGame, totals.Localisation?.EnergyPointingGame, totals.Localisation?.TopAreaIou);
    }

    private static double SampleStd(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}

/// <summary>
/// <c>{"win_against": "gradcam", "methods": {"name": {"pos_auc", "neg_auc", "auc_d", "n", "drop", "increase",
/// "win_pairwise", "win_lowest_drop", "ms_per_image", "images_per_s", …}}}</c>, methods in the order asked for;
/// <c>win_against</c> is absent when no pairwise Win% was computed. <c>accuracy</c>: the target's top-1 accuracy in percent
/// on the evaluated images (the perturbation curves' value at 0).
/// </summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("win_against"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WinAgainst,
    [property: JsonPropertyName("methods")] IReadOnlyDictionary<string, MethodScores> Methods,
    [property: JsonPropertyName("accuracy"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Accuracy = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The report of <paramref name="totals"/>, with pairwise Win% against <paramref name="winAgainst"/> if it was evaluated.</summary>
    public static EvaluationReport From(EvaluationTotals totals, string winAgainst)
    {
        var comparator = totals.IndexOf(winAgainst);
        var clean = totals.PerMethod.Length > 0 ? totals.PerMethod[0].Perturbation : null;
        return new EvaluationReport(comparator >= 0 ? winAgainst : null,
            totals.Methods.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => MethodScores.From(totals.PerMethod[p.i], comparator)),
            clean is { Images: > 0 } ? 100.0 * clean.PositiveHits[0] / clean.Images : null);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a report written by <see cref="ToJson"/>; <paramref name="source"/> names the file in errors.</summary>
    public static EvaluationReport FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<EvaluationReport>(json, Json)
                ?? throw new ScanInputException($"{source} holds no evaluation report.");
        }
        catch (JsonException e)
        {
            throw new ScanInputException($"{source} is not an evaluation report: {e.Message}", e);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Scan.Core.Metrics;

namespace Scan.Core.Evaluation;

/// <summary>One method's perturbation results in percent, as `scan evaluate --format json` prints them.</summary>
public sealed record MethodScores(
    [property: JsonPropertyName("pos_auc")] double PositiveAuc,
    [property: JsonPropertyName("neg_auc")] double NegativeAuc,
    [property: JsonPropertyName("auc_d")] double AucDifference,
    [property: JsonPropertyName("n")] long Images)
{
    public static MethodScores From(PerturbationCounts counts) =>
        new(counts.PositiveAuc, counts.NegativeAuc, counts.AucDifference, counts.Images);
}

/// <summary><c>{"methods": {"name": {"pos_auc", "neg_auc", "auc_d", "n"}}}</c>, methods in the order asked for.</summary>
public sealed record EvaluationReport([property: JsonPropertyName("methods")] IReadOnlyDictionary<string, MethodScores> Methods)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static EvaluationReport From(IEnumerable<KeyValuePair<string, PerturbationCounts>> counts) =>
        new(counts.ToDictionary(c => c.Key, c => MethodScores.From(c.Value)));

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

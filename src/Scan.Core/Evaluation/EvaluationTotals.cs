using System.Text.Json;

namespace Scan.Core.Evaluation;

/// <summary>Totals of every method evaluated together, in the order they were asked for (win tallies index methods by it).</summary>
public sealed record EvaluationTotals(IReadOnlyList<string> Methods, IReadOnlyList<MethodTotals> PerMethod)
{
    public MethodTotals this[string method] => PerMethod[IndexOf(method)];

    /// <summary>The position of <paramref name="method"/> among <see cref="Methods"/>, or −1.</summary>
    public int IndexOf(string method) => Methods.ToList().IndexOf(method);

    private static readonly JsonSerializerOptions Json = new() { IgnoreReadOnlyProperties = true };

    /// <summary>The totals as JSON that <see cref="FromJson"/> reads back exactly (shards travel between silos this way).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvaluationTotals FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationTotals>(json, Json) ?? throw new InvalidDataException("Evaluation totals: empty JSON.");

    public EvaluationTotals Add(EvaluationTotals other) => !Methods.SequenceEqual(other.Methods)
        ? throw new ArgumentException($"Totals for methods [{string.Join(", ", Methods)}] and [{string.Join(", ", other.Methods)}] do not add.")
        : new(Methods, PerMethod.Zip(other.PerMethod, (a, b) => a.Add(b)).ToArray());
}

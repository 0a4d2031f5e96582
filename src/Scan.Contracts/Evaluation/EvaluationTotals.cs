namespace Scan.Core.Evaluation;

/// <summary>Totals of every method evaluated together, in the order they were asked for (win tallies index methods by it).</summary>
[GenerateSerializer, Immutable, Alias("scan.EvaluationTotals")]
public sealed record EvaluationTotals([Id(0)] string[] Methods, [Id(1)] MethodTotals[] PerMethod)
{
    public MethodTotals this[string method] => PerMethod[IndexOf(method)];

    /// <summary>The position of <paramref name="method"/> among <see cref="Methods"/>, or −1.</summary>
    public int IndexOf(string method) => Array.IndexOf(Methods, method);

    public EvaluationTotals Add(EvaluationTotals other) => !Methods.SequenceEqual(other.Methods)
        ? throw new ArgumentException($"Totals for methods [{string.Join(", ", Methods)}] and [{string.Join(", ", other.Methods)}] do not add.")
        : new(Methods, PerMethod.Zip(other.PerMethod, (a, b) => a.Add(b)).ToArray());
}

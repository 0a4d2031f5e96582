using Scan.Core.Models;

namespace Scan.Core.Explainers;

/// <summary>What an explanation method may need: the target and its layer, a trained decoder, the mask percentile, a seed.</summary>
public sealed record ExplainerContext(TargetModel Target, string Layer, string? DecoderDirectory, double? Percentile, long Seed)
{
    /// <summary>The settings of the perturbation methods (RISE, LIME).</summary>
    public PerturbationExplainerSettings Perturbation { get; init; } = new();
}

/// <summary>Explanation methods by name; `scan evaluate --methods` and `scan explain --method` accept every name here.</summary>
public static class ExplainerRegistry
{
    private static readonly Dictionary<string, Func<ExplainerContext, IExplainer>> Factories = new(StringComparer.Ordinal)
    {
        ["scan"] = ScanExplainer.Create,
        ["gradcam"] = context => new GradCam(context.Target, context.Layer),
        ["random"] = context => new RandomMap(context.Target.InputShape, context.Seed),
        ["gradcam++"] = context => new GradCamPlusPlus(context.Target, context.Layer),
        ["xgradcam"] = context => new XGradCam(context.Target, context.Layer),
        ["layercam"] = context => new LayerCam(context.Target, context.Layer),
        ["attention"] = context => new RawAttention(context.Target),
        ["rollout"] = context => new AttentionRollout(context.Target),
        ["chefer"] = context => new CheferRelevance(context.Target),
        ["rise"] = Rise.Create,
        ["lime"] = Lime.Create,
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static IExplainer Create(string name, ExplainerContext context) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(context)
            : throw new ScanInputException($"Unknown method '{name}'; the methods are: {string.Join(", ", Names)}.");

    /// <summary>Parses a comma-separated list of method names, rejecting unknown and repeated names.</summary>
    public static IReadOnlyList<string> ParseList(string methods)
    {
        var names = methods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ScanInputException("--methods is empty; give one or more of: " + string.Join(", ", Names) + ".");
        }
        foreach (var name in names)
        {
            if (!Factories.ContainsKey(name))
            {
                throw new ScanInputException($"--methods: unknown method '{name}'; the methods are: {string.Join(", ", Names)}.");
            }
        }
        var repeated = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? names : throw new ScanInputException($"--methods names '{repeated.Key}' twice.");
    }
}

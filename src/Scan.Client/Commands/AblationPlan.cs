using Scan.Core;

namespace Scan.Client.Commands;

/// <summary>One SCAN variant of an ablation: its table, its row label, its settings and layer, and its directory name.</summary>
public sealed record AblationVariant(string Group, string Label, ScanSettings Settings, string Layer, string Directory);

/// <summary>
/// The variants of `scan ablate`, as the paper's Tables 6–9 group them: α, the gradient-mask percentile P (fixed for
/// training and inference), the target layer, and the component switches (plus the confidence weight and reference).
/// Variants equal to the default share its directory, so the default is trained once.
/// </summary>
public static class AblationPlan
{
    public static readonly double[] Alphas = [1, 2, 4, 8, 16];
    public static readonly double[] Percentiles = [0, 50, 90, 95];

    public static IReadOnlyList<AblationVariant> For(ScanSettings defaults, string defaultLayer, IReadOnlyList<string> layers)
    {
        var variants = new List<AblationVariant>();
        void Add(string group, string label, ScanSettings settings, string layer, string name) =>
            variants.Add(new AblationVariant(group, label, settings, layer, settings == defaults && layer == defaultLayer ? "default" : name));

        foreach (var alpha in Alphas)
        {
            Add("alpha", $"α = {alpha}", defaults with { Alpha = alpha }, defaultLayer, $"alpha-{alpha}");
        }
        foreach (var p in Percentiles)
        {
            Add("percentile", $"P = {p}", defaults with { TrainPercentileMin = p, TrainPercentileMax = p, InferencePercentile = p }, defaultLayer, $"p-{p}");
        }
        foreach (var layer in layers)
        {
            Add("layer", layer, defaults, layer, $"layer-{layer}");
        }
        Add("components", "SCAN (all components)", defaults, defaultLayer, "default");
        Add("components", "no gradient mask", defaults with { UseGradientMask = false }, defaultLayer, "no-mask");
        Add("components", "no blur target", defaults with { UseBlurTarget = false }, defaultLayer, "no-blur");
        Add("components", "sigmoid instead of stretched sine", defaults with { ConfidenceActivation = ConfidenceActivation.Sigmoid }, defaultLayer, "sigmoid");
        var otherReference = defaults.ConfidenceReference == ConfidenceReference.None ? ConfidenceReference.DatasetMean : ConfidenceReference.None;
        Add("components", otherReference == ConfidenceReference.None ? "no prior (the weight alone)" : "the mean-image prior",
            defaults with { ConfidenceReference = otherReference }, defaultLayer, "other-reference");
        var otherWeight = defaults.ConfidenceWeight == ConfidenceWeight.Original ? ConfidenceWeight.Equation9 : ConfidenceWeight.Original;
        Add("components", otherWeight == ConfidenceWeight.Original ? "the original code's weight Ĉ/α + 1 − Ĉ" : "Eq. 9's weight αĈ + 1 − Ĉ",
            defaults with { ConfidenceWeight = otherWeight }, defaultLayer, "other-weight");
        return variants;
    }

    /// <summary>The default layer and up to two layers before it: the layers `scan ablate` compares unless told otherwise.</summary>
    public static IReadOnlyList<string> DefaultLayers(IReadOnlyList<string> layers, string defaultLayer)
    {
        // Siblings of the default in the module tree: layer2, layer3 before torchvision's layer4, not the modules inside layer3.
        var parent = ParentOf(defaultLayer);
        var siblings = layers.Where(layer => ParentOf(layer) == parent).ToList();
        var index = siblings.IndexOf(defaultLayer);
        return [.. siblings.Skip(Math.Max(0, index - 2)).Take(Math.Min(index, 2) + 1)];
    }

    private static string ParentOf(string layer) => layer.Contains('.', StringComparison.Ordinal) ? layer[..layer.LastIndexOf('.')] : "";
}

namespace Scan.Core.Explainers;

/// <summary>
/// Settings of the model-agnostic perturbation explainers, RISE and LIME, with defaults measured on this project's
/// 32×32 targets (see docs of <see cref="Rise"/> and <see cref="Lime"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.PerturbationExplainerSettings")]
public sealed record PerturbationExplainerSettings
{
    /// <summary>RISE: the number of random masks N, shared by every image of a run.</summary>
    [Id(0)]
    public int RiseMasks { get; init; } = 2000;

    /// <summary>RISE: the masks' coarse grid s (s×s Bernoulli cells before upsampling).</summary>
    [Id(1)]
    public int RiseGrid { get; init; } = 8;

    /// <summary>RISE: p₁, the probability that a coarse cell is kept.</summary>
    [Id(2)]
    public double RiseProbability { get; init; } = 0.5;

    /// <summary>LIME: perturbed samples per image, the unperturbed image included.</summary>
    [Id(3)]
    public int LimeSamples { get; init; } = 1000;

    /// <summary>LIME: the number of superpixels SLIC aims for (it places a grid of about this many seeds).</summary>
    [Id(4)]
    public int LimeSegments { get; init; } = 50;

    /// <summary>LIME: SLIC's compactness m, the weight of the spatial distance against the [0, 1] intensity distance.</summary>
    [Id(5)]
    public double LimeCompactness { get; init; } = 0.2;

    /// <summary>LIME: the width of the exponential kernel on the cosine distance (LIME's image explainer uses 0.25).</summary>
    [Id(6)]
    public double LimeKernelWidth { get; init; } = 0.25;

    /// <summary>LIME: λ of the weighted ridge regression (the intercept is not penalised).</summary>
    [Id(7)]
    public double LimeRidge { get; init; } = 1;

    /// <summary>Perturbed images per forward call of the target.</summary>
    [Id(8)]
    public int BatchSize { get; init; } = 500;

    /// <summary>Throws <see cref="ScanInputException"/> naming the first setting that is out of range.</summary>
    public PerturbationExplainerSettings Validate()
    {
        RequireAtLeast(RiseMasks, 1, nameof(RiseMasks));
        RequireAtLeast(RiseGrid, 1, nameof(RiseGrid));
        if (!(RiseProbability > 0 && RiseProbability <= 1))
        {
            throw Invalid(nameof(RiseProbability), RiseProbability, "must lie in (0, 1]");
        }
        RequireAtLeast(LimeSamples, 2, nameof(LimeSamples));
        RequireAtLeast(LimeSegments, 1, nameof(LimeSegments));
        RequirePositive(LimeCompactness, nameof(LimeCompactness));
        RequirePositive(LimeKernelWidth, nameof(LimeKernelWidth));
        RequirePositive(LimeRidge, nameof(LimeRidge));
        RequireAtLeast(BatchSize, 1, nameof(BatchSize));
        return this;
    }

    private static void RequireAtLeast(int value, int least, string name)
    {
        if (value < least)
        {
            throw Invalid(name, value, $"must be at least {least}");
        }
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw Invalid(name, value, "must be a finite number > 0");
        }
    }

    private static ScanInputException Invalid(string name, double value, string rule) =>
        new($"PerturbationExplainerSettings.{name} = {value} {rule}.");
}

using Scan.Core.Metrics;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// LIME for images (Ribeiro et al. 2016): SLIC superpixels are switched on and off at random (off = black, 0 in every
/// channel of the un-normalised image, as the perturbation metrics remove pixels), the class probability of each
/// sample is regressed on the on/off pattern by ridge regression weighted with an exponential kernel on the cosine
/// distance to the unperturbed image, and every pixel gets its superpixel's coefficient. Only positive evidence is
/// kept (coefficients clamped at 0), then each map is min-max normalised. One on/off matrix, drawn from the seed,
/// serves every image, so an image's map does not depend on the batch it comes in.
/// </summary>
public sealed class Lime(TargetModel target, PerturbationExplainerSettings settings, long seed) : IExplainer, IDisposable
{
    private readonly PerturbationExplainerSettings _settings = settings.Validate();
    private Tensor? _samples;

    public string Name => "lime";

    public bool FinerThanFeatureGrid => true;

    public static Lime Create(ExplainerContext context) => new(context.Target, context.Perturbation, context.Seed);

    /// <summary>
    /// LIME's sample weights √exp(−d²/width²) for on/off samples [S, n], with d the cosine distance to the all-on
    /// vector (an all-off sample has distance 1).
    /// </summary>
    public static Tensor KernelWeights(Tensor samples, double width)
    {
        using var scope = NewDisposeScope();
        var on = samples.to(float64);
        var cosine = on.sum(1) / (on.square().sum(1).sqrt() * Math.Sqrt(samples.shape[1])).clamp_min(1e-12);
        var distance = 1 - cosine;
        return (-distance.square() / (width * width)).exp().sqrt().to(float32).MoveToOuterDisposeScope();
    }

    public Tensor Explain(Tensor images, Tensor classes)
    {
        using var scope = NewDisposeScope();
        var onDevice = images.to(target.Device);
        var wanted = classes.cpu().to(int64).data<long>().ToArray();
        var maps = Enumerable.Range(0, wanted.Length).Select(b => ExplainOne(onDevice[b], wanted[b])).ToList();
        return SaliencyOrder.MinMaxNormalize(stack(maps)).MoveToOuterDisposeScope();
    }

    /// <summary>The clamped coefficient map [H, W] of one image [C, H, W].</summary>
    private Tensor ExplainOne(Tensor image, long explained)
    {
        var (labels, count) = Slic.Segment(image, _settings.LimeSegments, _settings.LimeCompactness);
        var samples = Samples(image.shape[1], image.shape[2]).narrow(1, 0, count);
        var flatLabels = labels.flatten();
        var probabilities = MaskedProbabilities.Compute(target, image, samples.shape[0], explained, _settings.BatchSize, (start, length) =>
            samples.narrow(0, start, length).index_select(1, flatLabels).view(length, 1, labels.shape[0], labels.shape[1]));
        var weights = KernelWeights(samples, _settings.LimeKernelWidth);
        var (coefficients, _) = WeightedRidge.Fit(samples, probabilities, weights, _settings.LimeRidge);
        return coefficients.clamp_min(0).index_select(0, flatLabels).view_as(labels);
    }

    /// <summary>On/off samples [S, K] for the seed grid's K superpixels; the first sample is the unperturbed image.</summary>
    private Tensor Samples(long height, long width)
    {
        if (_samples is null)
        {
            using var scope = NewDisposeScope();
            var (rows, columns) = Slic.SeedGrid((int)height, (int)width, _settings.LimeSegments);
            using var generator = new Generator(unchecked((ulong)seed));
            var random = (rand([_settings.LimeSamples, rows * columns], generator: generator) < 0.5).to(float32);
            random[0] = ones(rows * columns);
            _samples = random.to(target.Device).DetachFromDisposeScope();
        }
        return _samples;
    }

    public void Dispose() => _samples?.Dispose();
}

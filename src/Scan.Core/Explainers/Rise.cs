using Scan.Core.Metrics;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// RISE (Petsiuk et al. 2018): the class probability of the image under N random smooth masks, averaged with the masks
/// as weights. One mask set, drawn from the seed, serves every image of a run, so an image's map does not depend on
/// the batch it comes in. Masking multiplies the un-normalised [0, 1] image (masked-out pixels go black).
/// </summary>
public sealed class Rise(TargetModel target, PerturbationExplainerSettings settings, long seed) : IExplainer, IDisposable
{
    private readonly PerturbationExplainerSettings _settings = settings.Validate();
    private Tensor? _masks;

    public string Name => "rise";

    public bool FinerThanFeatureGrid => false;

    public static Rise Create(ExplainerContext context) => new(context.Target, context.Perturbation, context.Seed);

    public Tensor Explain(Tensor images, Tensor classes)
    {
        using var scope = NewDisposeScope();
        var masks = Masks();
        var onDevice = images.to(target.Device);
        var wanted = classes.cpu().to(int64).data<long>().ToArray();
        var scores = Enumerable.Range(0, wanted.Length).Select(b => MaskedProbabilities.Compute(
            target, onDevice[b], masks.shape[0], wanted[b], _settings.BatchSize, (start, length) => masks.narrow(0, start, length).unsqueeze(1))).ToList();
        var saliency = RiseMasks.Saliency(stack(scores), masks, _settings.RiseProbability);
        return SaliencyOrder.MinMaxNormalize(saliency).MoveToOuterDisposeScope();
    }

    private Tensor Masks()
    {
        if (_masks is null)
        {
            var shape = target.InputShape;
            using var scope = NewDisposeScope();
            var masks = RiseMasks.Generate(_settings.RiseMasks, _settings.RiseGrid, _settings.RiseProbability, shape.Height, shape.Width, seed);
            _masks = masks.to(target.Device).DetachFromDisposeScope();
        }
        return _masks;
    }

    public void Dispose() => _masks?.Dispose();
}

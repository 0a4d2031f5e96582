using Scan.Core.Data;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Uniform random saliency per pixel: the control whose AUC-D should be ≈ 0. Each call draws from a generator
/// seeded with the seed and the call's ordinal, so a run is reproducible.
/// </summary>
public sealed class RandomMap(ImageShape input, long seed) : IExplainer
{
    private long _calls;

    public string Name => "random";

    public bool FinerThanFeatureGrid => false;

    public Tensor Explain(Tensor images, Tensor classes)
    {
        var generator = new Generator((ulong)(seed * 1_000_003 + _calls++));
        using (generator)
        {
            return rand([images.shape[0], input.Height, input.Width], generator: generator).to(images.device);
        }
    }
}

using Scan.Core.Explainers;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Evaluation;

/// <summary>A fixed map per data-set sample: map i is <c>maps[i·H·W …]</c>. Without indices it cannot tell which sample an image is.</summary>
internal sealed class IndexedMaps(string name, int height, int width, float[] maps) : IExplainer
{
    public string Name => name;

    public bool FinerThanFeatureGrid => false;

    public Tensor Explain(Tensor images, Tensor classes) => throw new InvalidOperationException("IndexedMaps needs the samples' indices.");

    public Tensor Explain(Tensor images, Tensor classes, ReadOnlySpan<int> indices)
    {
        var pixels = height * width;
        var chosen = new float[indices.Length * pixels];
        for (var i = 0; i < indices.Length; i++)
        {
            maps.AsSpan(indices[i] * pixels, pixels).CopyTo(chosen.AsSpan(i * pixels));
        }
        return tensor(chosen, [indices.Length, height, width]);
    }
}

using Scan.Core.Data;
using Scan.Core.Masks;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Uniform random saliency per pixel: the control whose AUC-D should be ≈ 0. Pixel p of draw d for data-set sample i
/// is <see cref="CounterRandom.UnitInterval"/>(seed, random-map stream, d, i·H·W + p), so a map depends only on the
/// seed, the sample and the draw, never on call order, batch size or shard. Draw 0 is the method's map; further
/// draws serve the ten-maps check (SPEC.md §4).
/// </summary>
public sealed class RandomMap(ImageShape input, long seed) : IExplainer
{
    public string Name => "random";

    public bool FinerThanFeatureGrid => false;

    /// <summary>Without data-set indices, the images count as samples 0 … B−1.</summary>
    public Tensor Explain(Tensor images, Tensor classes) =>
        Draw(images, Enumerable.Range(0, (int)images.shape[0]).ToArray(), 0);

    public Tensor Explain(Tensor images, Tensor classes, ReadOnlySpan<int> indices) => Draw(images, indices, 0);

    /// <summary>Draw <paramref name="draw"/> of the maps [B, H, W] for the samples <paramref name="indices"/>, on the images' device.</summary>
    public Tensor Draw(Tensor images, ReadOnlySpan<int> indices, int draw)
    {
        if (indices.Length != images.shape[0])
        {
            throw new ArgumentException($"{indices.Length} indices for a batch of {images.shape[0]} images.");
        }
        var pixels = input.Height * input.Width;
        var values = new float[indices.Length * pixels];
        for (var i = 0; i < indices.Length; i++)
        {
            var first = (long)indices[i] * pixels;
            for (var p = 0; p < pixels; p++)
            {
                values[(i * pixels) + p] = (float)CounterRandom.UnitInterval(seed, CounterRandom.RandomMapStream, draw, first + p);
            }
        }
        return tensor(values, [indices.Length, input.Height, input.Width], device: images.device);
    }
}

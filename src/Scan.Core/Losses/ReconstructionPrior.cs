using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Losses;

/// <summary>
/// Ȳ, the reconstruction a decoder could give with no features at all: the mean reconstruction target over the
/// training samples. Blur and normalisation are affine, so Ȳ is the target of the mean image. The sum runs in
/// float64 in index order, so every worker that reads the same samples gets the same Ȳ.
/// </summary>
public static class ReconstructionPrior
{
    /// <summary>Ȳ [C, H, W] on the target's device over samples 0 … count − 1 of <paramref name="data"/>.</summary>
    public static Tensor Compute(IImageDataset data, int count, TargetModel target, int featureGrid, ScanSettings settings)
    {
        if (count <= 0 || count > data.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"must lie in 1 … {data.Count} (the samples of {data.Name}).");
        }
        var shape = data.Shape;
        var sum = new double[shape.Length];
        var pixels = new float[shape.Length];
        for (var index = 0; index < count; index++)
        {
            data.Read(index, pixels);
            for (var i = 0; i < pixels.Length; i++)
            {
                sum[i] += pixels[i];
            }
        }
        var mean = sum.Select(s => (float)(s / count)).ToArray();
        using var scope = NewDisposeScope();
        var image = tensor(mean, [1, shape.Channels, shape.Height, shape.Width], ScalarType.Float32, target.Device);
        var prior = ReconstructionTarget.Compute(target.Normalize(image), featureGrid, settings).squeeze(0);
        return prior.MoveToOuterDisposeScope();
    }
}

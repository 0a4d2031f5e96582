using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Metrics;

/// <summary>
/// Positive and negative perturbation (Chefer et al. 2021, SPEC.md §4): for each fraction p, the ⌊H·W·p⌋ most
/// (positive) or least (negative) salient pixels are set to 0 in every channel of the un-normalised image, and
/// a hit is a top-1 prediction equal to the reference class. The clean image (p = 0) is scored once for both.
/// </summary>
public static class PerturbationScorer
{
    /// <summary>Counts hits for images [B, C, H, W] in [0, 1], reference classes [B] and maps [B, H, W].</summary>
    public static PerturbationCounts Score(TargetModel model, Tensor images, Tensor references, Tensor maps)
    {
        using var scope = NewDisposeScope();
        return Score(model, images, references, maps, model.Logits(images).argmax(1));
    }

    /// <summary>As above, with the clean images' predictions [B] already computed (one clean forward serves every method).</summary>
    public static PerturbationCounts Score(TargetModel model, Tensor images, Tensor references, Tensor maps, Tensor cleanPredictions)
    {
        using var scope = NewDisposeScope();
        var batch = images.shape[0];
        var (height, width) = (images.shape[2], images.shape[3]);
        if (maps.shape[0] != batch || maps.shape[1] != height || maps.shape[2] != width)
        {
            throw new ArgumentException($"Maps of shape [{string.Join(", ", maps.shape)}] do not match images of shape [{string.Join(", ", images.shape)}].");
        }
        var device = model.Device;
        var pixels = height * width;
        var normalised = SaliencyOrder.MinMaxNormalize(maps.to(device));
        var expected = references.to(device).to(int64);
        var input = images.to(device);
        var steps = PerturbationCounts.Steps;
        var positive = new long[steps];
        var negative = new long[steps];
        positive[0] = negative[0] = cleanPredictions.to(device).eq(expected).sum().item<long>();
        foreach (var (hits, mostSalientFirst) in new[] { (positive, true), (negative, false) })
        {
            var ranks = SaliencyOrder.RemovalRanks(normalised, mostSalientFirst).view(batch, 1, height, width);
            for (var step = 1; step < steps; step++)
            {
                var removed = PerturbationCounts.RemovedPixels(pixels, step);
                var keep = ranks.ge(removed).to(input.dtype);
                hits[step] = Hits(model, input * keep, expected);
            }
        }
        return new PerturbationCounts(batch, positive, negative);
    }

    private static long Hits(TargetModel model, Tensor images, Tensor expected)
    {
        using var scope = NewDisposeScope();
        return model.Logits(images).argmax(1).eq(expected).sum().item<long>();
    }
}

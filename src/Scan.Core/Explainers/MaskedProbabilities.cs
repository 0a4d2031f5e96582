using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>The perturbation methods' inner loop: the explained class's probability for one image under many masks.</summary>
internal static class MaskedProbabilities
{
    /// <summary>
    /// The softmax probability [count] of class <paramref name="explained"/> for the un-normalised image [C, H, W]
    /// multiplied by each of <paramref name="count"/> masks, <paramref name="batchSize"/> masked images per forward;
    /// <paramref name="masks"/>(start, length) gives masks start … start + length − 1, [length, 1 or C, H, W].
    /// </summary>
    public static Tensor Compute(TargetModel target, Tensor image, long count, long explained, int batchSize, Func<long, long, Tensor> masks)
    {
        var parts = new List<Tensor>();
        for (long start = 0; start < count; start += batchSize)
        {
            using var chunk = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var probabilities = nn.functional.softmax(target.Logits(image.unsqueeze(0) * masks(start, length)), 1)[.., explained];
            parts.Add(probabilities.MoveToOuterDisposeScope());
        }
        return cat(parts);
    }
}

using static TorchSharp.torch;

namespace Scan.Core.Metrics;

/// <summary>The localisation counts (<see cref="LocalisationCounts"/>) of maps against ground-truth object masks.</summary>
public static class LocalisationScorer
{
    /// <summary>Counts for maps [B, H, W] and object masks [B, H, W] (non-zero: object), the IoU over the top <paramref name="topPercent"/>% of pixels.</summary>
    public static LocalisationCounts Score(Tensor maps, Tensor masks, double topPercent = LocalisationCounts.DefaultTopPercent)
    {
        using var scope = NewDisposeScope();
        if (!maps.shape.SequenceEqual(masks.shape) || maps.dim() != 3)
        {
            throw new ArgumentException($"maps [{string.Join(", ", maps.shape)}] and masks [{string.Join(", ", masks.shape)}] must both be [B, H, W].");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topPercent, 100);
        var batch = maps.shape[0];
        var normalised = SaliencyOrder.MinMaxNormalize(maps.to(float64)).flatten(1);
        var objects = masks.flatten(1).ne(0).to(maps.device);
        var constant = normalised.amax([1]).eq(0);

        var peak = normalised.argmax(1, keepdim: true);
        var hits = objects.gather(1, peak).squeeze(1).logical_and(constant.logical_not());
        var energy = normalised.mul(objects).sum(1).div(normalised.sum(1).clamp_min(1e-300));
        var top = (long)Math.Floor(normalised.shape[1] * topPercent / 100);
        var inTop = SaliencyOrder.RemovalRanks(normalised, mostSalientFirst: true).lt(top);
        var iou = inTop.logical_and(objects).sum(1).to(float64).div(inTop.logical_or(objects).sum(1).to(float64).clamp_min(1));

        return new LocalisationCounts(batch, hits.sum().item<long>(), Millionths(energy), Millionths(iou));
    }

    private static long Millionths(Tensor perImage) => perImage.mul(1e6).round().to(int64).sum().item<long>();
}

using static TorchSharp.torch;

namespace Scan.Core.Metrics;

/// <summary>
/// Localisation against ground-truth object masks, summed over images in whole numbers (per-image values in
/// millionths) so that shards add exactly in any grouping:
/// <list type="bullet">
/// <item>pointing game (Zhang et al. 2016): the map's maximum lies on the object (ties: the first pixel in row order);</item>
/// <item>energy-based pointing game (Score-CAM, Wang et al. 2020): the share of the min-max normalised map's energy on the object;</item>
/// <item>IoU of the map's top-k% pixels (ties in pixel order, as the perturbation metrics remove them) with the object.</item>
/// </list>
/// An image whose map is constant gets no pointing hit and an energy share of 0.
/// </summary>
public sealed record LocalisationCounts(long Images, long PointingHits, long EnergyMillionths, long IouMillionths)
{
    public const double DefaultTopPercent = 20;

    public static LocalisationCounts Empty => new(0, 0, 0, 0);

    public double PointingGame => Images == 0 ? 0 : 100.0 * PointingHits / Images;

    public double EnergyPointingGame => Images == 0 ? 0 : 100.0 * EnergyMillionths / 1e6 / Images;

    public double TopAreaIou => Images == 0 ? 0 : 100.0 * IouMillionths / 1e6 / Images;

    public LocalisationCounts Add(LocalisationCounts other) =>
        new(Images + other.Images, PointingHits + other.PointingHits, EnergyMillionths + other.EnergyMillionths, IouMillionths + other.IouMillionths);

    /// <summary>Counts for maps [B, H, W] and object masks [B, H, W] (non-zero: object), the IoU over the top <paramref name="topPercent"/>% of pixels.</summary>
    public static LocalisationCounts Score(Tensor maps, Tensor masks, double topPercent = DefaultTopPercent)
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

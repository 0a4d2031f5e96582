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
[GenerateSerializer, Immutable, Alias("scan.LocalisationCounts")]
public sealed record LocalisationCounts([Id(0)] long Images, [Id(1)] long PointingHits, [Id(2)] long EnergyMillionths, [Id(3)] long IouMillionths)
{
    public const double DefaultTopPercent = 20;

    public static LocalisationCounts Empty => new(0, 0, 0, 0);

    public double PointingGame => Images == 0 ? 0 : 100.0 * PointingHits / Images;

    public double EnergyPointingGame => Images == 0 ? 0 : 100.0 * EnergyMillionths / 1e6 / Images;

    public double TopAreaIou => Images == 0 ? 0 : 100.0 * IouMillionths / 1e6 / Images;

    public LocalisationCounts Add(LocalisationCounts other) =>
        new(Images + other.Images, PointingHits + other.PointingHits, EnergyMillionths + other.EnergyMillionths, IouMillionths + other.IouMillionths);
}

namespace Scan.Core.Models;

/// <summary>
/// The shape of one sample's features at a layer: a spatial map (Channels×Grid×Grid) or a token sequence
/// (a class token followed by Grid×Grid patch tokens of width Channels).
/// </summary>
public sealed record FeatureLayout(FeatureKind Kind, int Channels, int Grid)
{
    /// <summary>The layout of <paramref name="layer"/>'s features, or an error naming the layer when SCAN cannot explain it.</summary>
    public static FeatureLayout FromShape(long[] sampleShape, string layer = "the layer") =>
        TryFromShape(sampleShape) ?? throw new ScanInputException(
            $"Layer '{layer}' gives features of shape [{string.Join(", ", sampleShape)}] per image, neither C×g×g nor (1+g²)×D tokens (class token first); explain a convolutional or token layer (`scan layers` marks them).");

    /// <summary>The layout of features of this per-sample shape, or null when they are neither C×g×g nor (1+g²)×D.</summary>
    public static FeatureLayout? TryFromShape(long[] sampleShape) => sampleShape.Length switch
    {
        3 when sampleShape[1] == sampleShape[2] => new(FeatureKind.Spatial, (int)sampleShape[0], (int)sampleShape[1]),
        2 when IsSquarePlusOne(sampleShape[0]) => new(FeatureKind.Tokens, (int)sampleShape[1], (int)Math.Round(Math.Sqrt(sampleShape[0] - 1))),
        _ => null,
    };

    private static bool IsSquarePlusOne(long tokens)
    {
        var grid = (long)Math.Round(Math.Sqrt(tokens - 1));
        return grid > 0 && grid * grid == tokens - 1;
    }
}

public enum FeatureKind
{
    Spatial,
    Tokens,
}

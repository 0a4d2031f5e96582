namespace Scan.Core.Models;

/// <summary>
/// The shape of one sample's features at a layer: a spatial map (Channels×Grid×Grid) or a token sequence
/// (a class token followed by Grid×Grid patch tokens of width Channels).
/// </summary>
public sealed record FeatureLayout(FeatureKind Kind, int Channels, int Grid)
{
    public static FeatureLayout FromShape(long[] sampleShape) => sampleShape.Length switch
    {
        3 when sampleShape[1] == sampleShape[2] => new(FeatureKind.Spatial, (int)sampleShape[0], (int)sampleShape[1]),
        2 when IsSquarePlusOne(sampleShape[0]) => new(FeatureKind.Tokens, (int)sampleShape[1], (int)Math.Round(Math.Sqrt(sampleShape[0] - 1))),
        _ => throw new ArgumentException($"Features of shape [{string.Join(", ", sampleShape)}] are neither C×g×g nor (1+g²)×D tokens."),
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

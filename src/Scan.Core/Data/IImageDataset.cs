namespace Scan.Core.Data;

/// <summary>
/// A labelled image data set with deterministic indexing: sample <c>i</c> is always the same image and label.
/// Pixels are un-normalised, in [0, 1], channel-major (C×H×W); normalisation belongs to the target model.
/// </summary>
public interface IImageDataset
{
    /// <summary>A short description for logs and errors (a path or a name).</summary>
    string Name { get; }

    int Count { get; }

    ImageShape Shape { get; }

    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Copies sample <paramref name="index"/>'s pixels into <paramref name="destination"/> (length C·H·W) and returns its label.</summary>
    int Read(int index, Span<float> destination);
}

/// <summary>Channels, height and width of every image of a data set.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int Length => Channels * Height * Width;
}

using Scan.Core.Data;

namespace Scan.Core.Tests.Evaluation;

/// <summary>A data set held in memory: sample i is <c>pixels[i·C·H·W …]</c> with label <c>labels[i]</c>.</summary>
internal sealed class ArrayDataset(ImageShape shape, float[] pixels, int[] labels) : IImageDataset
{
    public string Name => "array";

    public int Count => labels.Length;

    public ImageShape Shape => shape;

    public IReadOnlyList<string> ClassNames { get; } = [];

    public int Read(int index, Span<float> destination)
    {
        pixels.AsSpan(index * shape.Length, shape.Length).CopyTo(destination);
        return labels[index];
    }
}

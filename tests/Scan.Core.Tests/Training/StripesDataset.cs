using Scan.Core.Data;

namespace Scan.Core.Tests.Training;

/// <summary>1×8×8 images of three classes: a bright row (class 0), a bright column (class 1) or a bright diagonal (class 2), at a position varying with the index.</summary>
internal sealed class StripesDataset(int count, string name = "stripes") : IImageDataset
{
    public string Name => name;

    public int Count => count;

    public ImageShape Shape { get; } = new(1, 8, 8);

    public IReadOnlyList<string> ClassNames { get; } = ["row", "column", "diagonal"];

    public int Read(int index, Span<float> destination)
    {
        destination.Clear();
        var label = index % 3;
        var offset = 2 + (index / 3 % 4);
        for (var i = 0; i < 8; i++)
        {
            var (row, column) = label switch
            {
                0 => (offset, i),
                1 => (i, offset),
                _ => (i, i),
            };
            destination[row * 8 + column] = 1f;
        }
        return label;
    }
}

using Scan.Core.Data;

namespace Scan.Core.Tests.Data;

/// <summary>A 2×2×3 data set whose pixel p of sample i is i + p / 100 and whose label is 10·i.</summary>
internal sealed class CountingDataset(int count) : IImageDataset
{
    public string Name => "counting";

    public int Count => count;

    public ImageShape Shape { get; } = new(2, 2, 3);

    public IReadOnlyList<string> ClassNames { get; } = [];

    public int Read(int index, Span<float> destination)
    {
        for (var p = 0; p < destination.Length; p++)
        {
            destination[p] = index + (p / 100f);
        }
        return 10 * index;
    }
}

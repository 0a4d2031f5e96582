using Scan.Core.Explainers;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class SlicTests
{
    [Fact]
    public void Segment_TwoFlatRegionsOffTheSeedGrid_SplitsAlongTheIntensityEdge()
    {
        // 4×8, columns 0–2 dark and 3–7 bright. The two seeds sit at columns 2 and 6, so a purely spatial split would
        // cut between columns 3 and 4; the intensity term moves column 3 to the bright segment.
        using var image = zeros(1, 4, 8);
        image[.., .., 0..3] = full(1, 4, 3, 0.1f);
        image[.., .., 3..] = full(1, 4, 5, 0.9f);

        var (labels, count) = Slic.Segment(image, 2, 0.2);
        using (labels)
        {
            Assert.Equal(2, count);
            var expectedRow = new long[] { 0, 0, 0, 1, 1, 1, 1, 1 };
            Assert.Equal(Enumerable.Repeat(expectedRow, 4).SelectMany(r => r).ToArray(), labels.data<long>().ToArray());
        }
    }

    [Fact]
    public void Segment_ColourEdgeOfEqualBrightness_SplitsOnTheChannels()
    {
        // 3×8×4: red in rows 0–2, green in rows 3–7, the same brightness everywhere. Seeds at rows 1.5 and 5.5 would
        // split between rows 3 and 4 by position alone; the channels move row 3 to the green segment.
        using var image = zeros(3, 8, 4);
        image[0, 0..3] = ones(3, 4);
        image[1, 3..] = ones(5, 4);

        var (labels, count) = Slic.Segment(image, 2, 0.2);
        using (labels)
        {
            Assert.Equal(2, count);
            var expected = Enumerable.Repeat(0L, 12).Concat(Enumerable.Repeat(1L, 20)).ToArray();
            Assert.Equal(expected, labels.data<long>().ToArray());
        }
    }

    [Fact]
    public void Segment_FlatImage_GivesTheSeedGridAsBlocks()
    {
        // 16×16 and 16 segments: interval 4, a 4×4 seed grid, and with no intensity edge each segment is a 4×4 block.
        using var image = full(1, 16, 16, 0.5f);

        var (labels, count) = Slic.Segment(image, 16, 0.2);
        using (labels)
        {
            Assert.Equal(16, count);
            var values = labels.data<long>().ToArray();
            for (var y = 0; y < 16; y++)
            {
                for (var x = 0; x < 16; x++)
                {
                    Assert.Equal(y / 4 * 4 + x / 4, values[y * 16 + x]);
                }
            }
        }
    }

    [Fact]
    public void Segment_RandomImage_IsDeterministicWithLabelsBelowCount()
    {
        using var generator = new Generator(3);
        using var image = rand([3, 32, 32], generator: generator);

        var (first, count) = Slic.Segment(image, 50, 0.2);
        var (second, again) = Slic.Segment(image, 50, 0.2);
        using (first)
        using (second)
        {
            Assert.Equal(count, again);
            Assert.InRange(count, 2, 49);
            Assert.Equal(first.data<long>().ToArray(), second.data<long>().ToArray());
            Assert.Equal(count - 1, first.max().item<long>());
            Assert.Equal(0, first.min().item<long>());
        }
    }
}

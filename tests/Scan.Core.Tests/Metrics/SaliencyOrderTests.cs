using Scan.Core.Metrics;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Metrics;

public class SaliencyOrderTests
{
    [Fact]
    public void RemovalRanks_TiedMap_BreaksTiesByPixelIndex()
    {
        using var map = tensor(new float[] { 3, 1, 2, 1 }).reshape(1, 2, 2);

        // Most salient first: 0 (3), 2 (2), 1 (1), 3 (1) → ranks 0, 2, 1, 3.
        using var positive = SaliencyOrder.RemovalRanks(map, mostSalientFirst: true);
        // Least salient first: 1 (1), 3 (1), 2 (2), 0 (3) → ranks 3, 0, 2, 1.
        using var negative = SaliencyOrder.RemovalRanks(map, mostSalientFirst: false);

        Assert.Equal(new long[] { 0, 2, 1, 3 }, positive.data<long>().ToArray());
        Assert.Equal(new long[] { 3, 0, 2, 1 }, negative.data<long>().ToArray());
    }

    [Fact]
    public void MinMaxNormalize_MapAndConstantMap_ScalesToUnitRangeOrZeros()
    {
        using var maps = tensor(new float[] { 2, 4, 6, 10, 5, 5, 5, 5 }).reshape(2, 2, 2);

        using var normalised = SaliencyOrder.MinMaxNormalize(maps);

        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 1, 0, 0, 0, 0 }, normalised.data<float>().ToArray());
    }

    [Fact]
    public void ToFeatureGridResolution_BlockMap_AveragesThenUpsamplesBilinearly()
    {
        // A 4×4 map whose top-left 2×2 block averages to 1 (values 2, 0, 1, 1), the rest 0. Averaged to 2×2:
        // [[1, 0], [0, 0]]. Bilinear upsampling (align_corners = false) samples source rows/cols at
        // −0.25→0, 0.25, 0.75, 1.25→1, weights on the first cell 1, .75, .25, 0.
        using var map = tensor(new float[] { 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).reshape(1, 4, 4);

        using var fair = SaliencyOrder.ToFeatureGridResolution(map, 2);

        var values = fair.data<float>().ToArray();
        Assert.Equal(1.0f, values[0], 5);
        Assert.Equal(0.75f, values[1], 5);
        Assert.Equal(0.5625f, values[5], 5);
        Assert.Equal(0.0625f, values[10], 5);
        Assert.Equal(0.0f, values[15], 5);
    }
}

using Scan.Core.Masks;
using Scan.Core.Native;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Masks;

public sealed class MaskPercentilesTests
{
    public MaskPercentilesTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    private static double[] Draw(int[] indices, int epoch, long seed = 42, double min = 70, double max = 100)
    {
        using var scope = NewDisposeScope();
        return MaskPercentiles.Training(indices, epoch, seed, min, max).data<double>().ToArray();
    }

    [Fact]
    public void Training_SameSampleInDifferentBatches_SamePercentile()
    {
        var first = Draw([5, 9, 2], epoch: 3);
        var second = Draw([2, 7], epoch: 3);
        var alone = Draw([9], epoch: 3);
        Assert.Equal(first[2], second[0]);
        Assert.Equal(first[1], alone[0]);
    }

    [Fact]
    public void Training_ManySamples_StayInRangeAndSpreadOverIt()
    {
        var values = Draw(Enumerable.Range(0, 2000).ToArray(), epoch: 0);
        Assert.All(values, v => Assert.InRange(v, 70, 100));
        Assert.True(values.Min() < 71 && values.Max() > 99, $"min {values.Min()}, max {values.Max()}");
        Assert.InRange(values.Average(), 84, 86);
    }

    [Fact]
    public void Training_NextEpochOrOtherSeed_DifferentPercentiles()
    {
        var indices = Enumerable.Range(0, 10).ToArray();
        var epoch0 = Draw(indices, epoch: 0);
        var epoch1 = Draw(indices, epoch: 1);
        var otherSeed = Draw(indices, epoch: 0, seed: 43);
        Assert.All(Enumerable.Range(0, 10), i => Assert.NotEqual(epoch0[i], epoch1[i]));
        Assert.All(Enumerable.Range(0, 10), i => Assert.NotEqual(epoch0[i], otherSeed[i]));
    }

    [Fact]
    public void Training_EqualBounds_ReturnsThatPercentile()
    {
        Assert.All(Draw([0, 1, 2], epoch: 0, min: 95, max: 95), v => Assert.Equal(95, v));
    }

    [Fact]
    public void Constant_FillsTheBatch()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([95.0, 95.0, 95.0], MaskPercentiles.Constant(3, 95).data<double>().ToArray());
    }

    [Fact]
    public void Mix_SeedZero_MatchesSplitMix64ReferenceOutputs()
    {
        // SplitMix64 seeded with 0 produces 0xE220A8397B1DCDAF, then 0x6E789E6AA1B965F4 (the state advances by the golden ratio).
        Assert.Equal(0xE220_A839_7B1D_CDAFUL, CounterRandom.Mix(0));
        Assert.Equal(0x6E78_9E6A_A1B9_65F4UL, CounterRandom.Mix(0x9E37_79B9_7F4A_7C15UL));
    }
}

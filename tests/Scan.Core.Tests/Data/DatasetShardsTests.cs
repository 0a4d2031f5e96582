using Scan.Core.Data;

namespace Scan.Core.Tests.Data;

public sealed class DatasetShardsTests
{
    [Fact]
    public void Ranges_TenSamplesShardsOfFour_GivesFourFourTwo()
    {
        Assert.Equal([new ShardRange(0, 0, 4), new ShardRange(1, 4, 4), new ShardRange(2, 8, 2)], DatasetShards.Ranges(10, 4));
    }

    [Fact]
    public void Ranges_ExactMultiple_GivesEqualShardsCoveringAll()
    {
        var shards = DatasetShards.Ranges(60_000, 1_000);

        Assert.Equal(60, shards.Count);
        Assert.All(shards, shard => Assert.Equal(1_000, shard.Count));
        Assert.Equal(60_000, shards[^1].End);
    }

    [Fact]
    public void Ranges_NoSamples_GivesNoShards()
    {
        Assert.Empty(DatasetShards.Ranges(0, 8));
    }

    [Fact]
    public void Ranges_ShardSizeZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetShards.Ranges(10, 0));
    }

    [Fact]
    public void EpochOrder_FiveSamples_FollowsFisherYatesOnSplitMix64()
    {
        // State 42·2³² + 0. SplitMix64 outputs / 2⁶⁴: 0.9157, 0.2699, 0.4829, 0.6137.
        // i=4: j=⌊0.9157·5⌋=4, no swap; i=3: j=⌊0.2699·4⌋=1 → [0,3,2,1,4];
        // i=2: j=⌊0.4829·3⌋=1 → [0,2,3,1,4]; i=1: j=⌊0.6137·2⌋=1, no swap.
        Assert.Equal([0, 2, 3, 1, 4], DatasetShards.EpochOrder(5, seed: 42, epoch: 0));
    }

    [Fact]
    public void EpochOrder_LargeCount_IsPermutation()
    {
        var order = DatasetShards.EpochOrder(10_000, seed: 3, epoch: 5);

        Assert.Equal(Enumerable.Range(0, 10_000), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 10_000), order);
    }

    [Fact]
    public void EpochOrder_SameSeedAndEpoch_IsSame()
    {
        Assert.Equal(DatasetShards.EpochOrder(1_000, 7, 2), DatasetShards.EpochOrder(1_000, 7, 2));
    }

    [Fact]
    public void EpochOrder_OtherEpochOrSeed_Differs()
    {
        var first = DatasetShards.EpochOrder(1_000, 7, 2);

        Assert.NotEqual(first, DatasetShards.EpochOrder(1_000, 7, 3));
        Assert.NotEqual(first, DatasetShards.EpochOrder(1_000, 8, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void EpochOrder_ZeroOrOneSample_IsIdentity(int count)
    {
        Assert.Equal(Enumerable.Range(0, count), DatasetShards.EpochOrder(count, 1, 1));
    }
}

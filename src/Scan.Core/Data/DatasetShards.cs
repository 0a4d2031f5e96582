namespace Scan.Core.Data;

/// <summary>Deterministic ways to split and order a data set's indices: contiguous shards and per-epoch permutations.</summary>
public static class DatasetShards
{
    /// <summary>Contiguous shards of <paramref name="shardSize"/> samples in index order; the last one holds the remainder.</summary>
    public static IReadOnlyList<ShardRange> Ranges(int count, int shardSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardSize);
        var shards = new ShardRange[(int)(((long)count + shardSize - 1) / shardSize)];
        for (var i = 0; i < shards.Length; i++)
        {
            var start = i * shardSize;
            shards[i] = new ShardRange(i, start, Math.Min(shardSize, count - start));
        }
        return shards;
    }

    /// <summary>
    /// A permutation of 0 … <paramref name="count"/> − 1 that depends only on (<paramref name="seed"/>, <paramref name="epoch"/>):
    /// Fisher–Yates driven by <see cref="SplitMix64"/> started at state (seed as uint) · 2³² + (epoch as uint).
    /// </summary>
    public static int[] EpochOrder(int count, int seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        var random = new SplitMix64(((ulong)(uint)seed << 32) | (uint)epoch);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}

namespace Scan.Core.Data;

/// <summary>Shard <see cref="Index"/>: samples [<see cref="Start"/>, <see cref="End"/>) of a data set.</summary>
public readonly record struct ShardRange(int Index, int Start, int Count)
{
    public int End => Start + Count;
}

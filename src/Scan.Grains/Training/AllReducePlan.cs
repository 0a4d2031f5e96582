namespace Scan.Grains.Training;

/// <summary>A contiguous run of elements in the flat gradient vector.</summary>
public readonly record struct VectorRange(int Offset, int Count)
{
    public int End => Offset + Count;
}

/// <summary>
/// How a flat gradient of <see cref="Length"/> elements is shared among workers for reduce-scatter + all-gather:
/// worker r owns segment r (the segments tile the vector, sizes differing by at most one element), and every segment
/// travels in chunks of at most <see cref="ChunkElements"/> elements, so no message is larger than a few MB.
/// </summary>
public sealed class AllReducePlan
{
    public AllReducePlan(int length, int workers, int chunkElements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkElements, 1);
        (Length, Workers, ChunkElements) = (length, workers, chunkElements);
    }

    /// <summary>4 MiB of float64 per message (DDP's buckets are ~25 MB; Orleans frames stay far below their 100 MiB limit).</summary>
    public const int DefaultChunkElements = 1 << 19;

    public int Length { get; }

    public int Workers { get; }

    public int ChunkElements { get; }

    /// <summary>The elements worker <paramref name="rank"/> owns: it receives everyone's values there, sums them and sends the sum back out.</summary>
    public VectorRange Segment(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, Workers);
        var start = (int)((long)Length * rank / Workers);
        var end = (int)((long)Length * (rank + 1) / Workers);
        return new VectorRange(start, end - start);
    }

    /// <summary>The chunks that segment <paramref name="rank"/> travels in, in order.</summary>
    public IEnumerable<VectorRange> Chunks(int rank)
    {
        var segment = Segment(rank);
        for (var offset = segment.Offset; offset < segment.End; offset += ChunkElements)
        {
            yield return new VectorRange(offset, Math.Min(ChunkElements, segment.End - offset));
        }
    }
}

using System.Runtime.InteropServices;

namespace Scan.Grains.Training;

/// <summary>
/// One worker's side of one step's all-reduce, in float64: each worker's part is an exact sum of float32 micro-batch
/// gradients, so adding the parts in any grouping gives the same float32 result (see <see cref="WorkerReplica"/>). Reduce-scatter: every worker's values for this worker's segment are
/// kept per rank and summed in rank order once all have arrived, so the sum does not depend on arrival order.
/// All-gather: every segment's sum lands in <see cref="Result"/>; the step can go on when all of it is there.
/// </summary>
public sealed class GradientExchange
{
    private readonly AllReducePlan _plan;
    private readonly VectorRange _segment;
    private readonly double[][] _contributions;
    private readonly int[] _contributed;
    private readonly double[] _result;
    private int _gathered;
    private readonly TaskCompletionSource _segmentArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resultArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GradientExchange(AllReducePlan plan, int rank)
    {
        _plan = plan;
        Rank = rank;
        _segment = plan.Segment(rank);
        _contributions = Enumerable.Range(0, plan.Workers).Select(_ => new double[_segment.Count]).ToArray();
        _contributed = new int[plan.Workers];
        _result = new double[plan.Length];
        if (_segment.Count == 0)
        {
            _segmentArrived.TrySetResult();
        }
        CompleteIfDone();
    }

    public int Rank { get; }

    /// <summary>Completes when every worker's values for this worker's segment have arrived.</summary>
    public Task SegmentArrived => _segmentArrived.Task;

    /// <summary>Completes when every segment's sum has arrived.</summary>
    public Task ResultArrived => _resultArrived.Task;

    /// <summary>The summed gradient, whole once <see cref="ResultArrived"/> has completed.</summary>
    public ReadOnlyMemory<double> Result => _result;

    /// <summary>Takes worker <paramref name="fromRank"/>'s values starting at flat offset <paramref name="offset"/>, which must lie in this worker's segment.</summary>
    public void Contribute(int fromRank, int offset, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromRank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fromRank, _plan.Workers);
        CheckInside(_segment, offset, values.Length, "reduce");
        values.CopyTo(_contributions[fromRank].AsSpan(offset - _segment.Offset));
        _contributed[fromRank] += values.Length;
        if (_contributed.All(c => c >= _segment.Count))
        {
            _segmentArrived.TrySetResult();
        }
    }

    /// <summary>Sums the segment's contributions in rank order, keeps the sum in <see cref="Result"/> and returns it.</summary>
    public ReadOnlySpan<double> ReduceSegment()
    {
        if (!SegmentArrived.IsCompleted)
        {
            throw new InvalidOperationException("The segment cannot be reduced before every worker's part has arrived.");
        }
        var sum = _result.AsSpan(_segment.Offset, _segment.Count);
        _contributions[0].CopyTo(sum);
        for (var rank = 1; rank < _plan.Workers; rank++)
        {
            var part = _contributions[rank];
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += part[i];
            }
        }
        _gathered += _segment.Count;
        CompleteIfDone();
        return sum;
    }

    /// <summary>Takes a reduced part of another worker's segment.</summary>
    public void Gather(int offset, ReadOnlySpan<double> values)
    {
        CheckInside(new VectorRange(0, _plan.Length), offset, values.Length, "gather");
        if (offset >= _segment.Offset && offset < _segment.End)
        {
            throw new ArgumentException($"Gathered values at {offset} belong to this worker's own segment [{_segment.Offset}, {_segment.End}).");
        }
        values.CopyTo(_result.AsSpan(offset));
        _gathered += values.Length;
        CompleteIfDone();
    }

    /// <summary>Fails the step's waits at once (the worker is being released, or its job rolls back).</summary>
    public void Abort(string reason)
    {
        var error = new OperationCanceledException(reason);
        _segmentArrived.TrySetException(error);
        _resultArrived.TrySetException(error);
    }

    public static byte[] ToBytes(ReadOnlySpan<double> values) => MemoryMarshal.AsBytes(values).ToArray();

    public static ReadOnlySpan<double> FromBytes(byte[] data) => MemoryMarshal.Cast<byte, double>(data);

    /// <summary>The own segment counts as gathered only once reduced, so a whole count means the whole sum is here.</summary>
    private void CompleteIfDone()
    {
        if (_gathered >= _plan.Length)
        {
            _resultArrived.TrySetResult();
        }
    }

    private static void CheckInside(VectorRange range, int offset, int count, string kind)
    {
        if (offset < range.Offset || offset + count > range.End)
        {
            throw new ArgumentException($"{kind}: elements [{offset}, {offset + count}) fall outside [{range.Offset}, {range.End}).");
        }
    }
}

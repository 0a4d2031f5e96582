using Scan.Core.Evaluation;

namespace Scan.Grains.Evaluation;

/// <summary>
/// The shards of an evaluation job and what became of them: shards are handed out in order, a failed one goes back to
/// the front of the queue (at most <see cref="MaxAttempts"/> tries), and the totals are added in shard order, so the
/// result is the same for any number of workers and any failure history.
/// </summary>
public sealed class ShardSchedule
{
    public const int MaxAttempts = 3;

    private readonly LinkedList<int> _pending;
    private readonly EvaluationTotals?[] _totals;
    private readonly int[] _attempts;

    public ShardSchedule(int images, int shardSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardSize, 1);
        Shards = Enumerable.Range(0, (images + shardSize - 1) / shardSize)
            .Select(s => (Start: s * shardSize, Count: Math.Min(shardSize, images - (s * shardSize)))).ToArray();
        _pending = new LinkedList<int>(Enumerable.Range(0, Shards.Count));
        _totals = new EvaluationTotals?[Shards.Count];
        _attempts = new int[Shards.Count];
    }

    /// <summary>The requested shard size, made smaller where it would leave one of the workers without a shard.</summary>
    public static int SizeFor(int images, int workers, int requested) =>
        Math.Max(1, Math.Min(requested, (int)(((long)images + Math.Max(workers, 1) - 1) / Math.Max(workers, 1))));

    public IReadOnlyList<(int Start, int Count)> Shards { get; }

    public int Completed { get; private set; }

    public int ImagesCompleted { get; private set; }

    /// <summary>Images of the shards restored from a progress file rather than scored by this job.</summary>
    public int ImagesRestored { get; private set; }

    public bool IsComplete => Completed == Shards.Count;

    public bool TryTake(out int shard)
    {
        if (_pending.First is { } first)
        {
            shard = first.Value;
            _pending.RemoveFirst();
            _attempts[shard]++;
            return true;
        }
        shard = -1;
        return false;
    }

    public void Complete(int shard, EvaluationTotals totals)
    {
        if (_totals[shard] is not null)
        {
            throw new InvalidOperationException($"Shard {shard} completed twice.");
        }
        _totals[shard] = totals;
        Completed++;
        ImagesCompleted += Shards[shard].Count;
    }

    /// <summary>Marks a shard finished by an earlier run (a progress file) as done, without handing it out.</summary>
    public void Restore(int shard, EvaluationTotals totals)
    {
        _pending.Remove(shard);
        Complete(shard, totals);
        ImagesRestored += Shards[shard].Count;
    }

    /// <summary>The shards finished so far, in shard order.</summary>
    public IEnumerable<(int Shard, EvaluationTotals Totals)> Finished =>
        _totals.Select((totals, shard) => (shard, totals)).Where(f => f.totals is not null).Select(f => (f.shard, f.totals!));

    /// <summary>Puts a failed shard back first in line; throws when it has failed <see cref="MaxAttempts"/> times.</summary>
    public void Retry(int shard, Exception failure)
    {
        if (_attempts[shard] >= MaxAttempts)
        {
            throw new InvalidOperationException($"Shard {shard} (images {Shards[shard].Start}–{Shards[shard].Start + Shards[shard].Count - 1}) failed {MaxAttempts} times; last: {failure.Message}", failure);
        }
        _pending.AddFirst(shard);
    }

    /// <summary>All shards' totals, added in shard order.</summary>
    public EvaluationTotals Sum()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException($"{Shards.Count - Completed} of {Shards.Count} shards are not done.");
        }
        return _totals.Skip(1).Aggregate(_totals[0]!, (sum, next) => sum.Add(next!));
    }
}

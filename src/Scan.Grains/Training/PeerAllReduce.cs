using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Training;

/// <summary>
/// One worker's all-reduce with its peers: reduce-scatter (each worker sends every other worker its values for that
/// worker's segment, in chunks), then all-gather (each worker sends its summed segment to all others). Every worker
/// sends 2(N−1)/N of the vector per step and no worker receives all of the others' vectors. Every wait is bounded.
/// </summary>
public sealed class PeerAllReduce(AllReducePlan plan, int rank, Func<int, IDecoderWorkerGrain> peer, TimeSpan timeout, string name)
{
    private readonly Dictionary<long, GradientExchange> _exchanges = [];

    public AllReducePlan Plan => plan;

    /// <summary>Sums <paramref name="local"/> over all workers for <paramref name="step"/>; returns the sum and the bytes this worker sent.</summary>
    public async Task<(ReadOnlyMemory<double> Sum, long BytesSent)> RunAsync(long step, double[] local)
    {
        var exchange = ExchangeFor(step);
        long bytes = 0;
        var sends = new List<Task>();
        for (var owner = 0; owner < plan.Workers; owner++)
        {
            foreach (var chunk in plan.Chunks(owner))
            {
                var values = local.AsSpan(chunk.Offset, chunk.Count);
                if (owner == rank)
                {
                    exchange.Contribute(rank, chunk.Offset, values);
                    continue;
                }
                var message = new GradientChunk(step, rank, chunk.Offset, GradientExchange.ToBytes(values));
                bytes += message.Data.Length;
                sends.Add(peer(owner).ReceiveReduceAsync(message));
            }
        }
        await Bounded(Task.WhenAll(sends), "sending its gradient segments", step);
        await Bounded(exchange.SegmentArrived, "waiting for its peers' gradient segments", step);
        var sum = exchange.ReduceSegment().ToArray();
        sends.Clear();
        var segment = plan.Segment(rank);
        foreach (var chunk in plan.Chunks(rank))
        {
            var data = GradientExchange.ToBytes(sum.AsSpan(chunk.Offset - segment.Offset, chunk.Count));
            for (var other = 0; other < plan.Workers; other++)
            {
                if (other != rank)
                {
                    bytes += data.Length;
                    sends.Add(peer(other).ReceiveGatherAsync(new GradientChunk(step, rank, chunk.Offset, data)));
                }
            }
        }
        await Bounded(Task.WhenAll(sends), "sending its reduced segment", step);
        await Bounded(exchange.ResultArrived, "waiting for the reduced segments", step);
        _exchanges.Remove(step);
        return (exchange.Result, bytes);
    }

    public void ReceiveReduce(GradientChunk chunk) =>
        ExchangeFor(chunk.GlobalStep).Contribute(chunk.FromRank, chunk.Offset, GradientExchange.FromBytes(chunk.Data));

    public void ReceiveGather(GradientChunk chunk) =>
        ExchangeFor(chunk.GlobalStep).Gather(chunk.Offset, GradientExchange.FromBytes(chunk.Data));

    /// <summary>Fails every pending wait at once (the worker is being released).</summary>
    public void AbortAll(string reason)
    {
        foreach (var exchange in _exchanges.Values)
        {
            exchange.Abort(reason);
        }
        _exchanges.Clear();
    }

    private GradientExchange ExchangeFor(long step)
    {
        if (!_exchanges.TryGetValue(step, out var exchange))
        {
            exchange = new GradientExchange(plan, rank);
            _exchanges[step] = exchange;
        }
        return exchange;
    }

    private async Task Bounded(Task task, string what, long step)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            _exchanges.Remove(step);
            throw new TimeoutException($"Worker {name} timed out after {timeout.TotalSeconds:F0} s {what} at step {step}: a peer is gone or stalled.");
        }
    }
}

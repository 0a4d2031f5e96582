using System.Diagnostics;
using static TorchSharp.torch;

namespace Scan.Bench;

/// <summary>
/// Times several steps in rounds, one of each per round, so that a slow spell on a shared machine hits every step
/// alike; each step runs once first to warm up, and its median round is reported in milliseconds.
/// </summary>
internal static class RoundRobinTiming
{
    public static double[] MedianMilliseconds(IReadOnlyList<Action> steps, int rounds)
    {
        foreach (var step in steps)
        {
            Time(step);
        }
        var samples = steps.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                samples[i].Add(Time(steps[i]));
            }
        }
        return [.. samples.Select(s => s.Order().ElementAt(s.Count / 2))];
    }

    private static double Time(Action step)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        step();
        return clock.Elapsed.TotalMilliseconds;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Scan.Grains.Abstractions.Jobs;

namespace Scan.Grains.Observability;

/// <summary>
/// The silo's own instruments (meter <see cref="MeterName"/>), exported with Orleans' meter by the silo's Prometheus
/// endpoint: training samples and step time, all-reduce bytes and time, evaluation images, and jobs by state.
/// </summary>
public static class ScanMetrics
{
    public const string MeterName = "ScanCluster";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, JobState> Jobs = new();
    private static double _trainingSamplesPerSecond;
    private static double _evaluationImagesPerSecond;
    private static long _lastWorkTicks = DateTime.UtcNow.Ticks;
    private static int _workers;

    /// <summary>Upper bounds, in seconds, of the duration histograms' buckets: a millisecond step to a ten-minute one.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = DurationBuckets };

    private static readonly Counter<long> TrainingSamples = Meter.CreateCounter<long>("scan.training.samples", "{sample}", "Training samples processed by this silo's workers");
    private static readonly Histogram<double> StepSeconds = Meter.CreateHistogram<double>("scan.training.step.duration", "s", "One worker step: gradients, exchange and optimizer step", advice: Seconds);
    private static readonly Counter<long> AllReduceBytes = Meter.CreateCounter<long>("scan.allreduce.bytes", "By", "Gradient bytes this silo's workers sent to their peers");
    private static readonly Histogram<double> AllReduceSeconds = Meter.CreateHistogram<double>("scan.allreduce.duration", "s", "Time a worker spent exchanging gradients in one step", advice: Seconds);
    private static readonly Counter<long> EvaluationImages = Meter.CreateCounter<long>("scan.evaluation.images", "{image}", "Test images scored by this silo's evaluation workers");

    static ScanMetrics()
    {
        Meter.CreateObservableGauge("scan.training.throughput", () => _trainingSamplesPerSecond, "{sample}/s", "Samples per second of this silo's last training step");
        Meter.CreateObservableGauge("scan.evaluation.throughput", () => _evaluationImagesPerSecond, "{image}/s", "Images per second of this silo's last evaluation shard");
        Meter.CreateObservableGauge("scan.workers", () => Volatile.Read(ref _workers), "{worker}", "Training and evaluation workers loaded on this silo");
        Meter.CreateObservableGauge("scan.jobs", () => Jobs.GroupBy(j => j.Value).Select(g =>
            new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("state", g.Key.ToString().ToLowerInvariant()))), "{job}", "Jobs whose grain lives on this silo, by state");
    }

    /// <summary>Adds zero to every counter, so that a scrape lists them (at 0) before the first job; call once the exporter listens.</summary>
    public static void ExportFromStart()
    {
        TrainingSamples.Add(0);
        AllReduceBytes.Add(0);
        EvaluationImages.Add(0);
    }

    public static void StepDone(int samples, double stepSeconds, long bytesSent, double exchangeSeconds)
    {
        TrainingSamples.Add(samples);
        StepSeconds.Record(stepSeconds);
        AllReduceBytes.Add(bytesSent);
        AllReduceSeconds.Record(exchangeSeconds);
        _trainingSamplesPerSecond = stepSeconds > 0 ? samples / stepSeconds : 0;
        Worked();
    }

    public static void ShardDone(int images, double seconds)
    {
        EvaluationImages.Add(images);
        _evaluationImagesPerSecond = seconds > 0 ? images / seconds : 0;
        Worked();
    }

    public static void JobState(string jobId, JobState state)
    {
        Jobs[jobId] = state;
        Worked();
    }

    /// <summary>A worker (its device thread) was loaded on this silo, or let go.</summary>
    public static void WorkerLoaded(bool loaded)
    {
        Interlocked.Add(ref _workers, loaded ? 1 : -1);
        Worked();
    }

    /// <summary>
    /// No job of this silo's is running, no worker is loaded here, and none finished a step or shard within
    /// <paramref name="quiet"/>: stopping the silo now would cost no job anything.
    /// </summary>
    public static bool IsIdle(TimeSpan quiet) =>
        !Jobs.Values.Contains(Abstractions.Jobs.JobState.Running) && Volatile.Read(ref _workers) == 0
        && DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastWorkTicks) >= quiet.Ticks;

    private static void Worked() => Interlocked.Exchange(ref _lastWorkTicks, DateTime.UtcNow.Ticks);
}

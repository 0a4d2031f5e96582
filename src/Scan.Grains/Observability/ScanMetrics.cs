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

    private static readonly Counter<long> TrainingSamples = Meter.CreateCounter<long>("scan.training.samples", "{sample}", "Training samples processed by this silo's workers");
    private static readonly Histogram<double> StepSeconds = Meter.CreateHistogram<double>("scan.training.step.duration", "s", "One worker step: gradients, exchange and optimizer step");
    private static readonly Counter<long> AllReduceBytes = Meter.CreateCounter<long>("scan.allreduce.bytes", "By", "Gradient bytes this silo's workers sent to their peers");
    private static readonly Histogram<double> AllReduceSeconds = Meter.CreateHistogram<double>("scan.allreduce.duration", "s", "Time a worker spent exchanging gradients in one step");
    private static readonly Counter<long> EvaluationImages = Meter.CreateCounter<long>("scan.evaluation.images", "{image}", "Test images scored by this silo's evaluation workers");

    static ScanMetrics()
    {
        Meter.CreateObservableGauge("scan.training.throughput", () => _trainingSamplesPerSecond, "{sample}/s", "Samples per second of this silo's last training step");
        Meter.CreateObservableGauge("scan.evaluation.throughput", () => _evaluationImagesPerSecond, "{image}/s", "Images per second of this silo's last evaluation shard");
        Meter.CreateObservableGauge("scan.jobs", () => Jobs.GroupBy(j => j.Value).Select(g =>
            new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("state", g.Key.ToString().ToLowerInvariant()))), "{job}", "Jobs whose grain lives on this silo, by state");
    }

    public static void StepDone(int samples, double stepSeconds, long bytesSent, double exchangeSeconds)
    {
        TrainingSamples.Add(samples);
        StepSeconds.Record(stepSeconds);
        AllReduceBytes.Add(bytesSent);
        AllReduceSeconds.Record(exchangeSeconds);
        _trainingSamplesPerSecond = stepSeconds > 0 ? samples / stepSeconds : 0;
    }

    public static void ShardDone(int images, double seconds)
    {
        EvaluationImages.Add(images);
        _evaluationImagesPerSecond = seconds > 0 ? images / seconds : 0;
    }

    public static void JobState(string jobId, JobState state) => Jobs[jobId] = state;
}

using System.Diagnostics;
using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;

namespace Scan.Bench;

/// <summary>
/// Decoder-training samples/s of a job on 1, 2 and 3 silo processes (one CPU worker each) against one worker running
/// the same global batches in this process, and the share of a cluster step spent exchanging gradients.
/// </summary>
internal static class TrainingScalingBench
{
    public static async Task RunAsync(string targetDirectory, int steps, int batchSize)
    {
        var options = new DecoderTrainingOptions { Epochs = 1, BatchSize = batchSize, Limit = steps * batchSize, Seed = 1 };
        var before = InProcessSamplesPerSecond(targetDirectory, options);
        Console.WriteLine($"{steps} steps of {batchSize} samples (micro-batch {options.MicroBatch}); in-process before the cluster runs: {before:F1} samples/s");
        Console.WriteLine("silos  samples/s  ratio to in-process (before)  exchange share of a step");
        var baseline = before;
        foreach (var silos in new[] { 1, 2, 3 })
        {
            var root = Directory.CreateTempSubdirectory("scan-bench-").FullName;
            var target = Path.Combine(root, "target");
            CopyDirectory(targetDirectory, target);
            await using (var cluster = await BenchCluster.StartAsync(root, silos))
            {
                var job = cluster.Client.GetGrain<ITrainingJobGrain>($"train-bench-{Guid.NewGuid():N}");
                await job.StartAsync(new TrainJobRequest(target, Path.Combine(root, "decoder"), false, null, new ScanSettings(),
                    options, FashionMnistDataset.DefaultDirectory, false, "cpu", 0));
                var clock = Stopwatch.StartNew();
                var status = await BenchCluster.FinishAsync(job);
                var rate = status.Total / clock.Elapsed.TotalSeconds;
                Console.WriteLine($"{silos,5}  {rate,9:F1}  {rate / baseline,19:F2}  {status.ExchangeShare,24:P0}");
            }
            Directory.Delete(root, recursive: true);
        }
        Console.WriteLine($"in-process after the cluster runs: {InProcessSamplesPerSecond(targetDirectory, options):F1} samples/s");
        Console.WriteLine("(cluster rates include loading the target, the data and the prior on every worker)");
    }

    private static double InProcessSamplesPerSecond(string targetDirectory, DecoderTrainingOptions options)
    {
        using var target = TargetStore.Load(targetDirectory, TorchSharp.torch.CPU);
        var data = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Train);
        var clock = Stopwatch.StartNew();
        using var trainer = DecoderTrainer.Create(target, target.ResolveLayer(null), new ScanSettings(), options);
        DecoderTraining.Run(trainer, target, data, Directory.CreateTempSubdirectory("scan-bench-").FullName, new TrainingPosition(0, 0, 0, []), null, CancellationToken.None);
        return options.Limit!.Value / clock.Elapsed.TotalSeconds;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}

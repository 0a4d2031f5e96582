using System.Diagnostics;
using Scan.Core.Data;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Evaluation;

namespace Scan.Bench;

/// <summary>
/// Evaluation images/s on 1, 2 and 3 silo processes (one worker each) against the same evaluation in this process:
/// the fan-out's overhead is the 1-silo time over the in-process time.
/// </summary>
internal static class EvaluationScalingBench
{
    private static readonly string[] Methods = ["gradcam", "gradcam++", "random"];

    public static async Task RunAsync(string targetDirectory, int images, int shardSize)
    {
        var before = InProcessImagesPerSecond(targetDirectory, images);
        Console.WriteLine($"{images} test images, methods {string.Join(",", Methods)}, shards of {shardSize}; in-process before the cluster runs: {before:F1} images/s");
        Console.WriteLine("silos  images/s  ratio to in-process (before)");
        var baseline = before;
        foreach (var silos in new[] { 1, 2, 3 })
        {
            var root = Directory.CreateTempSubdirectory("scan-bench-").FullName;
            var target = Path.Combine(root, "target");
            TrainingScalingBench.CopyDirectory(targetDirectory, target);
            await using (var cluster = await BenchCluster.StartAsync(root, silos))
            {
                var job = cluster.Client.GetGrain<IEvaluationJobGrain>($"evaluate-bench-{Guid.NewGuid():N}");
                var clock = Stopwatch.StartNew();
                await job.StartAsync(new EvaluateJobRequest(target, null, Methods, images, 250, null, FashionMnistDataset.DefaultDirectory, false, null, "cpu", 1,
                    "gradcam", 1, new PerturbationExplainerSettings(), 0, shardSize));
                await BenchCluster.FinishAsync(job);
                var rate = images / clock.Elapsed.TotalSeconds;
                Console.WriteLine($"{silos,5}  {rate,8:F1}  {rate / baseline,19:F2}");
            }
            Directory.Delete(root, recursive: true);
        }
        Console.WriteLine($"in-process after the cluster runs: {InProcessImagesPerSecond(targetDirectory, images):F1} images/s");
        Console.WriteLine("(cluster rates include loading the target and the methods on every worker)");
    }

    private static double InProcessImagesPerSecond(string targetDirectory, int images)
    {
        var clock = Stopwatch.StartNew();
        using var target = TargetStore.Load(targetDirectory, TorchSharp.torch.CPU);
        var layer = target.ResolveLayer(null);
        var context = new ExplainerContext(target, layer, null, null, 1);
        var explainers = Methods.Select(m => ExplainerRegistry.Create(m, context)).ToList();
        var test = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Test);
        EvaluationShard.Run(target, test, explainers, target.LayoutOf(layer).Grid, 0, images, 250);
        return images / clock.Elapsed.TotalSeconds;
    }
}

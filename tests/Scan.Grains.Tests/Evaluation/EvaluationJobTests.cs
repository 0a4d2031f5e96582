using System.Text.Json.Nodes;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Models;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Jobs;
using Scan.Core.Training;

namespace Scan.Grains.Tests.Evaluation;

[Collection(ThreeSiloGroup.Name)]
public class EvaluationJobTests(ThreeSiloCluster cluster)
{
    private static readonly string[] Methods = ["gradcam", "random", "gradcam++"];

    private EvaluateJobRequest Request(int workers) => new(cluster.Target, null, Methods, 60, 8, null, FashionMnistDataset.DefaultDirectory, false,
        null, "cpu", 0, "gradcam", 3, new PerturbationExplainerSettings(), workers, 16);

    private async Task<EvaluationReport> EvaluateAsync(EvaluateJobRequest request)
    {
        var job = cluster.Grains.GetGrain<IEvaluationJobGrain>($"evaluate-{Guid.NewGuid():N}");
        await job.StartAsync(request);
        var status = await ThreeSiloCluster.FinishedAsync(job, TimeSpan.FromMinutes(3));
        Assert.True(status.State == JobState.Succeeded, $"{status.State}: {status.Error}");
        Assert.Equal(60, status.Done);
        return EvaluationReport.From(Assert.IsType<EvaluationTotals>(status.Result?.Evaluation), request.WinAgainst);
    }

    /// <summary>Every score except the times, which are measured.</summary>
    private static IEnumerable<object?> Scores(EvaluationReport report) => report.Methods.SelectMany(m => new object?[]
    {
        m.Key, m.Value.PositiveAuc, m.Value.NegativeAuc, m.Value.Images, m.Value.Drop, m.Value.Increase, m.Value.WinPairwise,
        m.Value.WinLowestDrop, m.Value.RandomAucDifferenceMean, m.Value.RandomAucDifferenceStd,
    }).Append(report.Accuracy);

    [Fact]
    public async Task Evaluate_OneAndThreeWorkers_EqualOneInProcessShardExactly()
    {
        EvaluationReport direct;
        using (var target = TargetStore.Load(cluster.Target, DeviceChoice.Parse("cpu")))
        {
            var layer = target.ResolveLayer(null);
            var context = new ExplainerContext(target, layer, null, null, 0);
            var explainers = Methods.Select(m => ExplainerRegistry.Create(m, context)).ToList();
            var test = DataSource.Open(FashionMnistDataset.DefaultDirectory, DataSplit.Test, target.InputShape, false);
            direct = EvaluationReport.From(EvaluationShard.Run(target, test, explainers, target.LayoutOf(layer).Grid, 0, 60, 60, 3), "gradcam");
        }

        var one = await EvaluateAsync(Request(1));
        var three = await EvaluateAsync(Request(3));

        Assert.Equal(Scores(direct), Scores(one));
        Assert.Equal(Scores(direct), Scores(three));
    }

    [Fact]
    public async Task Evaluate_UnknownMethodAndBadPercentile_FailAsInputErrors()
    {
        foreach (var request in new[] { Request(2) with { Methods = ["gradcam", "nonsense"] }, Request(2) with { Percentile = 120 } })
        {
            var job = cluster.Grains.GetGrain<IEvaluationJobGrain>($"evaluate-{Guid.NewGuid():N}");
            await job.StartAsync(request);
            var status = await ThreeSiloCluster.FinishedAsync(job, TimeSpan.FromMinutes(1));

            Assert.Equal(JobState.Failed, status.State);
            Assert.True(status.BadInput, status.Error);
            Assert.Matches("nonsense|120", status.Error);
        }
    }

    [Fact]
    public async Task Evaluate_WithAProgressFile_ScoresOnlyTheMissingShardsToTheSameScores()
    {
        var progress = Path.Combine(cluster.Directory, $"progress-{Guid.NewGuid():N}.json");
        var whole = await EvaluateAsync(Request(2) with { Progress = progress });
        var file = JsonNode.Parse(File.ReadAllText(progress))!;
        var shards = file["shards"]!.AsArray();
        Assert.Equal(4, shards.Count);

        // As if stopped after shards 0 and 2; shard 0's Grad-CAM time is made a day long, so the result shows it was read, not scored again.
        shards.RemoveAt(3);
        shards.RemoveAt(1);
        shards[0]!["totals"]!["per_method"]![0]!["explain_time"] = "1.00:00:00";
        File.WriteAllText(progress, file.ToJsonString());
        var resumed = await EvaluateAsync(Request(3) with { Progress = progress });

        Assert.Equal(Scores(whole), Scores(resumed));
        Assert.True(resumed.Methods["gradcam"].MillisecondsPerImage > TimeSpan.FromDays(1).TotalMilliseconds / 60, $"{resumed.Methods["gradcam"].MillisecondsPerImage} ms");
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(progress))!["shards"]!.AsArray().Count);
    }

    [Fact]
    public async Task Evaluate_ProgressFileOfAnotherEvaluation_IsAnInputErrorNamingTheDifference()
    {
        var progress = Path.Combine(cluster.Directory, $"progress-{Guid.NewGuid():N}.json");
        await EvaluateAsync(Request(2) with { Progress = progress });
        var job = cluster.Grains.GetGrain<IEvaluationJobGrain>($"evaluate-{Guid.NewGuid():N}");

        await job.StartAsync(Request(2) with { Progress = progress, Methods = ["gradcam", "random"] });
        var status = await ThreeSiloCluster.FinishedAsync(job, TimeSpan.FromMinutes(1));

        Assert.True(status.BadInput, status.Error);
        Assert.Contains($"--progress {progress} belongs to another evaluation (methods: gradcam,random,gradcam++ there, gradcam,random here)", status.Error);
    }
}

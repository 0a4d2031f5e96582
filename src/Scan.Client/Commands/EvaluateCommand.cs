using Scan.Core;
using System.CommandLine;
using Scan.Client.Cluster;
using Scan.Client.Output;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Evaluation;

namespace Scan.Client.Commands;

/// <summary>
/// <c>scan evaluate</c>: positive/negative perturbation AUC and AUC-D, Drop%, Increase%, Win% and explanation time of
/// each method on the test set.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var decoder = CommonOptions.Decoder(required: false);
        var methods = new Option<string>("--methods") { Description = "comma-separated methods: " + string.Join(", ", ExplainerRegistry.Names), DefaultValueFactory = _ => "scan,gradcam,random" };
        var limit = new Option<int?>("--limit", "-n") { Description = "score only the first N test images" };
        var batchSize = new Option<int>("--batch-size") { Description = "images per batch", DefaultValueFactory = _ => 250 };
        var winAgainst = new Option<string>("--win-against") { Description = "method that pairwise Win% compares against (left out when it is not among --methods)", DefaultValueFactory = _ => "gradcam" };
        var randomMaps = new Option<int>("--random-maps") { Description = "random maps scored per image for the random method; above 1, the mean and standard deviation of its AUC-D over them (SPEC: 10)", DefaultValueFactory = _ => 1 };
        var percentile = new Option<double?>("--percentile") { Description = "SCAN's gradient-mask percentile P (default: the decoder's inference setting, 95)" };
        var (data, skipBad, device, seed, format, layer) = (CommonOptions.Data(), CommonOptions.SkipBadFiles(), CommonOptions.Device(), CommonOptions.Seed(), CommonOptions.Format(), CommonOptions.Layer());
        var command = new Command("evaluate", "Score explanation methods by perturbation (AUC, AUC-D), Drop%, Increase%, Win% and time")
        {
            target, decoder, methods, limit, batchSize, winAgainst, randomMaps, percentile, data, skipBad, layer, device, seed, format,
        };
        var perturbation = PerturbationOptions.Create();
        perturbation.AddTo(command);
        var cluster = ClusterChoice.Create("evaluation workers, placed round-robin over the silos (the metrics do not depend on it)");
        cluster.AddTo(command);
        var shardSize = new Option<int>("--shard-size") { Description = "test images per shard handed to a worker (at most: fewer when the images would not give every worker one)", DefaultValueFactory = _ => 500 };
        command.Options.Add(shardSize);
        var progress = new Option<string?>("--progress") { Description = "a file that keeps the finished shards: run the same evaluation again with it to score only the shards still missing (it fixes the shard size; refused for other weights, methods or images)" };
        command.Options.Add(progress);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var request = new EvaluationRequest(parse.GetValue(target)!, parse.GetValue(decoder), ExplainerRegistry.ParseList(parse.GetValue(methods)!),
                parse.GetValue(limit), parse.GetValue(batchSize), parse.GetValue(percentile), parse.GetValue(data)!, parse.GetValue(skipBad),
                parse.GetValue(layer), parse.GetValue(device)!, parse.GetValue(seed), parse.GetValue(winAgainst)!, parse.GetValue(randomMaps))
            {
                Perturbation = perturbation.Read(parse), Cluster = cluster.Read(parse).Cluster, Workers = cluster.Read(parse).Workers,
                ShardSize = parse.GetValue(shardSize), Progress = parse.GetValue(progress),
            };
            var report = Run(console, request, cancellation);
            if (parse.GetValue(format) == "json")
            {
                console.Result(report.ToJson());
            }
            else
            {
                Print(console, "Perturbation AUC, Drop%, Increase% and Win% (percent; lower positive AUC and Drop, higher negative AUC, AUC-D, Increase and Win are better)", report);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static EvaluationReport Run(ScanConsole console, EvaluationRequest request, CancellationToken cancellation)
    {
        if (request.BatchSize < 1)
        {
            throw new ScanInputException($"--batch-size {request.BatchSize}: must be at least 1.");
        }
        ScanExplainer.CheckPercentile(request.Percentile);
        if (request.Limit is < 1)
        {
            throw new ScanInputException($"--limit {request.Limit}: must be at least 1.");
        }
        if (request.ShardSize < 1)
        {
            throw new ScanInputException($"--shard-size {request.ShardSize}: must be at least 1.");
        }
        if (request.RandomMaps < 1)
        {
            throw new ScanInputException($"--random-maps {request.RandomMaps}: must be at least 1.");
        }
        if (!request.Methods.Contains(request.WinAgainst))
        {
            console.Info($"note: pairwise Win% is left out: {request.WinAgainst} is not among --methods ({string.Join(", ", request.Methods)}).");
        }
        if (request.RandomMaps > 1 && !request.Methods.Contains("random"))
        {
            console.Info("note: --random-maps applies to the random method, which is not among --methods.");
        }
        LocalInputChecks.Evaluation(request);
        return RunAsync(console, request, cancellation).GetAwaiter().GetResult();
    }

    /// <summary>Scores the methods as a job on the cluster (a silo in this process unless <see cref="EvaluationRequest.Cluster"/> names one).</summary>
    private static async Task<EvaluationReport> RunAsync(ScanConsole console, EvaluationRequest request, CancellationToken cancellation)
    {
        await using var lease = await ClusterLease.AcquireAsync(request.Cluster, cancellation);
        var id = JobFollower.NewJobId("evaluate");
        var job = lease.Client.GetGrain<IEvaluationJobGrain>(id);
        await job.StartAsync(new EvaluateJobRequest(request.Target, request.Decoder, request.Methods.ToArray(), request.Limit,
            request.BatchSize, request.Percentile, request.Data, request.SkipBadFiles, request.Layer, request.Device, request.Seed, request.WinAgainst,
            request.RandomMaps, request.Perturbation, request.Workers, request.ShardSize, request.Progress));
        var status = await JobFollower.FollowAsync(job, console,
            s => $"{s.Done}/{s.Total} images, {s.UnitsPerSecond:F1} images/s, {s.Detail}", cancellation);
        var totals = status.Result?.Evaluation ?? throw new InvalidOperationException($"Evaluation job {id} succeeded without totals.");
        return EvaluationReport.From(totals, request.WinAgainst);
    }

    public static void Print(ScanConsole console, string title, EvaluationReport report)
    {
        var comparator = report.WinAgainst;
        var randomMaps = report.Methods.Values.Max(m => m.RandomMaps);
        var localisation = report.Methods.Values.Any(m => m.PointingGame is not null);
        IReadOnlyList<string> headers = ["method", "pos AUC", "neg AUC", "AUC-D", "Drop%", "Incr%",
            .. comparator is null ? Array.Empty<string>() : [$"Win% vs {comparator}"], "Win% lowest", "ms/image", "images/s", "images",
            .. randomMaps is null ? Array.Empty<string>() : [$"AUC-D over {randomMaps} maps"],
            .. localisation ? ["pointing%", "energy%", "top-20% IoU"] : Array.Empty<string>()];
        console.Table(title, headers, report.Methods.Select(m => Row(m.Key, m.Value, comparator is not null, randomMaps is not null, localisation)));
        console.Info((comparator is null ? "" : $"Win% vs {comparator}: images on which the method's drop is smaller than {comparator}'s (a tie counts ½). ")
            + "Win% lowest: images on which its drop is the lowest of all methods (a tie among k counts 1/k).");
    }

    private static IReadOnlyList<string> Row(string method, MethodScores s, bool pairwise, bool randomColumn, bool localisation) =>
    [
        method, $"{s.PositiveAuc:F2}", $"{s.NegativeAuc:F2}", $"{s.AucDifference:F2}", $"{s.Drop:F2}", $"{s.Increase:F2}",
        .. pairwise ? [$"{s.WinPairwise:F2}"] : Array.Empty<string>(), $"{s.WinLowestDrop:F2}",
        $"{s.MillisecondsPerImage:F2}", $"{s.ImagesPerSecond:F1}", $"{s.Images}",
        .. randomColumn ? [s.RandomMaps is null ? "" : $"{s.RandomAucDifferenceMean:F2} ± {s.RandomAucDifferenceStd:F2}"] : Array.Empty<string>(),
        .. localisation ? [$"{s.PointingGame:F2}", $"{s.EnergyPointingGame:F2}", $"{s.TopAreaIou:F2}"] : Array.Empty<string>(),
    ];
}

/// <summary>The options of one evaluation, shared by <c>scan evaluate</c> and <c>scan demo</c>.</summary>
public sealed record EvaluationRequest(
    string Target, string? Decoder, IReadOnlyList<string> Methods, int? Limit, int BatchSize, double? Percentile,
    string Data, bool SkipBadFiles, string? Layer, string Device, long Seed, string WinAgainst = "gradcam", int RandomMaps = 1)
{
    /// <summary>The cluster to run on (null: a silo in this process) and its evaluation workers.</summary>
    public string? Cluster { get; init; }

    public int Workers { get; init; }

    /// <summary>Test images per shard handed to a worker.</summary>
    public int ShardSize { get; init; } = 500;

    /// <summary>The file that keeps the finished shards (null: none).</summary>
    public string? Progress { get; init; }

    /// <summary>The settings of the perturbation methods (rise, lime).</summary>
    public PerturbationExplainerSettings Perturbation { get; init; } = new();
}

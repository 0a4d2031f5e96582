using System.CommandLine;
using Scan.Client.Cluster;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;

namespace Scan.Client.Commands;

/// <summary><c>scan train</c>: trains a SCAN decoder for a target on Fashion-MNIST's training split.</summary>
public static class TrainCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target(required: false);
        var output = new Option<string>("--out", "-o") { Description = "directory for decoder.json, decoder.safetensors and checkpoint.bin" };
        var resume = new Option<string?>("--resume") { Description = "continue from --out's checkpoint.bin, or with a job id: continue that job of --cluster where its checkpoint left it", Arity = ArgumentArity.ZeroOrOne };
        var epochs = new Option<int>("--epochs") { Description = "epochs", DefaultValueFactory = _ => 5 };
        var batchSize = new Option<int>("--batch-size") { Description = "samples per step", DefaultValueFactory = _ => 128 };
        var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate at step 0 (cosine-annealed to 1e-6)", DefaultValueFactory = _ => 1e-3 };
        var limit = new Option<int?>("--limit", "-n") { Description = "train on the first N training samples only" };
        var microBatch = new Option<int>("--micro-batch") { Description = "samples per micro-batch: the unit that workers share out (any worker count then gives the same weights)", DefaultValueFactory = _ => 32 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "also checkpoint every K steps (0: at epoch ends only)" };
        var validation = new Option<int>("--validation") { Description = "training images held out (from the end of the training set) to score SCAN's AUC-D after every epoch; the best epoch's decoder is kept (0: off)", DefaultValueFactory = _ => new DecoderTrainingOptions().ValidationImages };
        var settings = ScanSettingsOptions.Create();
        var cluster = ClusterChoice.Create("data-parallel workers that split each batch and average their gradients (the result does not depend on it)");
        var (data, skipBad, device, seed, layer) = (CommonOptions.Data(), CommonOptions.SkipBadFiles(), CommonOptions.Device(), CommonOptions.Seed(), CommonOptions.Layer());
        var command = new Command("train", "Train a SCAN decoder (Adam, cosine schedule, a checkpoint each epoch)")
        {
            target, output, resume, epochs, batchSize, microBatch, learningRate, limit, checkpointEvery, validation, layer, data, skipBad, device, seed,
        };
        settings.AddTo(command);
        cluster.AddTo(command);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var (clusterAddress, workers) = cluster.Read(parse);
            var resumeJob = parse.GetValue(resume);
            if (!string.IsNullOrEmpty(resumeJob))
            {
                ResumeJobAsync(console, clusterAddress, resumeJob, cancellation).GetAwaiter().GetResult();
                return ExitCodes.Success;
            }
            var options = new DecoderTrainingOptions
            {
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batchSize), MicroBatch = parse.GetValue(microBatch), LearningRate = parse.GetValue(learningRate),
                Limit = parse.GetValue(limit), CheckpointEverySteps = parse.GetValue(checkpointEvery), Seed = parse.GetValue(seed),
                ValidationImages = parse.GetValue(validation),
            };
            var request = new TrainRequest(Required(parse, target), Required(parse, output), parse.GetResult(resume) is not null, parse.GetValue(layer),
                settings.Read(parse), options, parse.GetValue(data)!, parse.GetValue(skipBad), parse.GetValue(device)!)
            {
                Cluster = clusterAddress, Workers = workers,
            };
            Run(console, request, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }

    public static IReadOnlyList<EpochSummary> Run(ScanConsole console, TrainRequest request, CancellationToken cancellation) =>
        RunAsync(console, request, cancellation).GetAwaiter().GetResult();

    /// <summary>Runs the training as a job on the cluster (a silo in this process unless <see cref="TrainRequest.Cluster"/> names one).</summary>
    public static async Task<IReadOnlyList<EpochSummary>> RunAsync(ScanConsole console, TrainRequest request, CancellationToken cancellation)
    {
        request.Settings.Validate();
        request.Options.Validate();
        LocalInputChecks.Training(request);
        await using var lease = await ClusterLease.AcquireAsync(request.Cluster, cancellation);
        var id = JobFollower.NewJobId("train");
        var job = lease.Client.GetGrain<ITrainingJobGrain>(id);
        var options = request.Options;
        await job.StartAsync(new TrainJobRequest(request.Target, request.Output, request.Resume, request.Layer,
            request.Settings, options, request.Data, request.SkipBadFiles, request.Device, request.Workers));
        console.Info($"Training job {id} for {request.Target} on {(request.Workers == 0 ? "one worker per device" : $"{request.Workers} worker(s)")}: " + (request.Resume
            ? "resuming from its checkpoint"
            : $"{options.Epochs} epochs, batch {options.BatchSize}, α = {request.Settings.Alpha} (target area {request.Settings.TargetArea:F3})"));
        return await FollowAsync(console, job, request.Target, request.Output, cancellation);
    }

    /// <summary>Starts a new job that continues job <paramref name="jobId"/> of the cluster from its checkpoint.</summary>
    private static async Task ResumeJobAsync(ScanConsole console, string? cluster, string jobId, CancellationToken cancellation)
    {
        await using var lease = await ClusterLease.AcquireAsync(cluster, cancellation);
        var old = await lease.Client.GetGrain<IJobRegistryGrain>(0).FindAsync(jobId) as ITrainingJobGrain;
        var request = (old is null ? null : await old.GetRequestAsync())
            ?? throw new ScanInputException($"--resume {jobId}: this cluster has no such training job (see `scan jobs list`).");
        if (!(await JobFollower.StatusAsync(old!, cancellation)).IsFinished)
        {
            throw new ScanInputException($"--resume {jobId}: the job is still running; cancel it first (`scan jobs cancel {jobId}`).");
        }
        var id = JobFollower.NewJobId("train");
        var job = lease.Client.GetGrain<ITrainingJobGrain>(id);
        await job.StartAsync(request with { Resume = true, ContinuesJob = jobId });
        console.Info($"Training job {id} continues job {jobId} from its checkpoint in {request.Output}.");
        await FollowAsync(console, job, request.Target, request.Output, cancellation);
    }

    private static async Task<IReadOnlyList<EpochSummary>> FollowAsync(ScanConsole console, ITrainingJobGrain job, string target, string output, CancellationToken cancellation)
    {
        var status = await JobFollower.FollowAsync(job, console, s => $"{s.Detail}  {s.UnitsPerSecond:F0} samples/s", cancellation);
        var history = status.Result?.History ?? throw new InvalidOperationException($"Training job {status.JobId} succeeded without a history.");
        ValidationCurve.Report(console, history);
        var summary = history.Length == 0 ? "" : $": {history.Length} epoch(s) in {history.Sum(epoch => epoch.Seconds) / 60:F1} min, " +
            $"final loss {history[^1].Loss:F4}, confidence area {history[^1].MeanArea:F3}";
        console.Success($"Decoder written to {output}{summary}. Next: scan evaluate --target {target} --decoder {output}");
        return history;
    }

    private static string Required(ParseResult parse, Option<string> option) =>
        parse.GetValue(option) ?? throw new ScanInputException($"{option.Name} is required (unless --resume names a job).");
}

/// <summary>The options of one decoder training, shared by <c>scan train</c> and <c>scan demo</c>.</summary>
public sealed record TrainRequest(
    string Target, string Output, bool Resume, string? Layer, ScanSettings Settings, DecoderTrainingOptions Options, string Data, bool SkipBadFiles, string Device,
    string? Cluster = null, int Workers = 0);

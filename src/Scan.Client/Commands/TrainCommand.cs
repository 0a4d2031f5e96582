using System.CommandLine;
using Scan.Client.Cluster;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;

namespace Scan.Client.Commands;

/// <summary><c>scan train</c>: trains a SCAN decoder for a target on Fashion-MNIST's training split.</summary>
public static class TrainCommand
{
    public static Command Create(ScanConsole console)
    {
        var target = CommonOptions.Target();
        var output = new Option<string>("--out") { Description = "directory for decoder.json, decoder.bin and checkpoint.bin", Required = true };
        var resume = new Option<bool>("--resume") { Description = "continue from --out's checkpoint.bin" };
        var epochs = new Option<int>("--epochs") { Description = "epochs", DefaultValueFactory = _ => 5 };
        var batchSize = new Option<int>("--batch-size") { Description = "samples per step", DefaultValueFactory = _ => 128 };
        var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate at step 0 (cosine-annealed to 1e-6)", DefaultValueFactory = _ => 1e-3 };
        var limit = new Option<int?>("--limit") { Description = "train on the first N training samples only" };
        var microBatch = new Option<int>("--micro-batch") { Description = "samples per micro-batch: the unit that workers share out (any worker count then gives the same weights)", DefaultValueFactory = _ => 32 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "also checkpoint every K steps (0: at epoch ends only)" };
        var settings = ScanSettingsOptions.Create();
        var cluster = ClusterChoice.Create("data-parallel workers that split each batch and average their gradients (the result does not depend on it)");
        var (data, skipBad, device, seed, layer) = (CommonOptions.Data(), CommonOptions.SkipBadFiles(), CommonOptions.Device(), CommonOptions.Seed(), CommonOptions.Layer());
        var command = new Command("train", "Train a SCAN decoder (Adam, cosine schedule, a checkpoint each epoch)")
        {
            target, output, resume, epochs, batchSize, microBatch, learningRate, limit, checkpointEvery, layer, data, skipBad, device, seed,
        };
        settings.AddTo(command);
        cluster.AddTo(command);
        command.SetScanAction(console, (parse, cancellation) =>
        {
            var options = new DecoderTrainingOptions
            {
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batchSize), MicroBatch = parse.GetValue(microBatch), LearningRate = parse.GetValue(learningRate),
                Limit = parse.GetValue(limit), CheckpointEverySteps = parse.GetValue(checkpointEvery), Seed = parse.GetValue(seed),
            };
            var request = new TrainRequest(parse.GetValue(target)!, parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(layer),
                settings.Read(parse), options, parse.GetValue(data)!, parse.GetValue(skipBad), parse.GetValue(device)!)
            {
                Cluster = cluster.Read(parse).Cluster, Workers = cluster.Read(parse).Workers,
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
        await using var lease = await ClusterLease.AcquireAsync(request.Cluster, cancellation);
        var id = JobFollower.NewJobId("train");
        var job = lease.Client.GetGrain<ITrainingJobGrain>(id);
        var options = request.Options;
        await JobFollower.StartAsync(() => job.StartAsync(new TrainJobRequest(request.Target, request.Output, request.Resume, request.Layer,
            TrainingJson.Write(request.Settings), TrainingJson.Write(options), request.Data, request.SkipBadFiles, request.Device, request.Workers)));
        console.Info($"Training job {id} for {request.Target} on {request.Workers} worker(s): " + (request.Resume
            ? "resuming from its checkpoint"
            : $"{options.Epochs} epochs, batch {options.BatchSize}, α = {request.Settings.Alpha} (target area {request.Settings.TargetArea:F3})"));
        var status = await JobFollower.FollowAsync(job, console, s => $"{s.Detail}  {s.UnitsPerSecond:F0} samples/s", cancellation);
        console.Success($"Decoder written to {request.Output}.");
        return TrainingJson.Read<List<EpochSummary>>(status.ResultJson!, $"job {id}'s history");
    }
}

/// <summary>The options of one decoder training, shared by <c>scan train</c> and <c>scan demo</c>.</summary>
public sealed record TrainRequest(
    string Target, string Output, bool Resume, string? Layer, ScanSettings Settings, DecoderTrainingOptions Options, string Data, bool SkipBadFiles, string Device,
    string? Cluster = null, int Workers = 1);

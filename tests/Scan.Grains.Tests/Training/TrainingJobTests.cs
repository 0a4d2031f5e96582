using Scan.Core;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;
using Scan.Grains.Training;

namespace Scan.Grains.Tests.Training;

[Collection(ThreeSiloGroup.Name)]
public class TrainingJobTests(ThreeSiloCluster cluster)
{
    // Ten steps of 40 samples in micro-batches of 8 (5 per batch: 1, 2 or 3 per worker); a checkpoint every 4 steps.
    private static readonly DecoderTrainingOptions Options = new() { Epochs = 2, BatchSize = 40, MicroBatch = 8, Limit = 200, Seed = 3, CheckpointEverySteps = 4 };

    private TrainJobRequest Request(string output, int workers) => new(cluster.Target, output, false, null,
        new ScanSettings(), Options, Core.Data.FashionMnistDataset.DefaultDirectory, false, "cpu", workers);

    private async Task<(JobStatus Status, float[] Weights)> TrainAsync(int workers)
    {
        var output = Path.Combine(cluster.Directory, $"decoder-{workers}-{Guid.NewGuid():N}");
        var job = cluster.Grains.GetGrain<ITrainingJobGrain>($"train-{Guid.NewGuid():N}");
        await job.StartAsync(Request(output, workers));
        var status = await ThreeSiloCluster.FinishedAsync(job, TimeSpan.FromMinutes(3));
        Assert.True(status.State == JobState.Succeeded, $"{status.State}: {status.Error}");
        using var target = TargetStore.Load(cluster.Target, DeviceChoice.Parse("cpu"));
        var (_, decoder) = DecoderStore.Load(output, target);
        using (decoder)
        {
            return (status, decoder.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray());
        }
    }

    [Fact]
    public async Task Train_OneToFourWorkers_EndWithIdenticalWeights()
    {
        var (single, reference) = await TrainAsync(1);
        Assert.Equal(400, single.Done);

        foreach (var workers in new[] { 2, 3, 4 })
        {
            var (status, weights) = await TrainAsync(workers);
            // Micro-batch gradients added in float64 make the sum independent of the split: bit for bit, not just
            // close (a float32 sum split two ways differed by 2.4e-4 after ten Adam steps).
            Assert.Equal(reference, weights);
            // Workers are dealt round-robin over the three silos: the fourth shares a silo with the first.
            Assert.Equal(Math.Min(workers, 3), status.WorkerSilos!.Distinct().Count());
        }
    }

    [Fact]
    public async Task Start_MissingTarget_FailsWithAnInputErrorNamingIt()
    {
        var job = cluster.Grains.GetGrain<ITrainingJobGrain>($"train-{Guid.NewGuid():N}");
        var request = Request(Path.Combine(cluster.Directory, "never"), 1) with { Target = Path.Combine(cluster.Directory, "no-such-target") };

        var error = await Assert.ThrowsAsync<JobInputException>(() => job.StartAsync(request));

        Assert.Contains("--target", error.Message);
        Assert.Contains("no-such-target", error.Message);
        Assert.False(Directory.Exists(Path.Combine(cluster.Directory, "never")));
    }

    [Fact]
    public async Task Start_UnknownLayer_FailsTheJobWithAnInputError()
    {
        var job = cluster.Grains.GetGrain<ITrainingJobGrain>($"train-{Guid.NewGuid():N}");
        await job.StartAsync(Request(Path.Combine(cluster.Directory, $"bad-layer-{Guid.NewGuid():N}"), 2) with { Layer = "nonsense" });

        var status = await ThreeSiloCluster.FinishedAsync(job, TimeSpan.FromMinutes(1));

        Assert.Equal(JobState.Failed, status.State);
        Assert.True(status.BadInput);
        Assert.Contains("nonsense", status.Error);
    }

    [Theory]
    [InlineData("train-other", "was last written by job train-other")]
    [InlineData("train-mine", "checkpoint.bin is truncated")]
    public async Task Start_ContinuingAJob_ChecksTheDirectoryWasThatJobs(string lastWriter, string expected)
    {
        var output = Path.Combine(cluster.Directory, $"continued-{Guid.NewGuid():N}");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, DecoderDescription.CheckpointFileName), "not a checkpoint");
        File.WriteAllText(Path.Combine(output, Scan.Grains.Artifacts.OutputLock.FileName), lastWriter + "\n");
        var job = cluster.Grains.GetGrain<ITrainingJobGrain>($"train-{Guid.NewGuid():N}");
        var request = Request(output, 1) with { Resume = true, ContinuesJob = "train-mine" };

        var error = await RefusalAsync(job, request);

        Assert.True(error.Contains(expected, StringComparison.Ordinal), error);
    }

    /// <summary>The error of a job refused at its start or failed for bad input.</summary>
    private static async Task<string> RefusalAsync(ITrainingJobGrain job, TrainJobRequest request)
    {
        try
        {
            await job.StartAsync(request);
        }
        catch (JobInputException e)
        {
            return e.Message;
        }
        var status = await ThreeSiloCluster.FinishedAsync(job, TimeSpan.FromMinutes(1));
        Assert.True(status.BadInput, $"{status.State}: {status.Error}");
        return status.Error!;
    }
}

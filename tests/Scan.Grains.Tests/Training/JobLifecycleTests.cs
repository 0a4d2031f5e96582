using System.Diagnostics;
using Scan.Core;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Cluster;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Tests.Training;

[Collection(ThreeSiloGroup.Name)]
public class JobLifecycleTests(ThreeSiloCluster cluster)
{
    private TrainJobRequest LongRequest(string output) => new(cluster.Target, output, false, null, new ScanSettings(),
        new DecoderTrainingOptions { Epochs = 50, BatchSize = 16, MicroBatch = 8, Limit = 640, Seed = 3, CheckpointEverySteps = 5 },
        Core.Data.FashionMnistDataset.DefaultDirectory, false, "cpu", 0);

    [Fact]
    public async Task Job_StartedThenCancelled_IsListedRunsOnEveryDeviceAndStopsWithinSeconds()
    {
        var id = $"train-{Guid.NewGuid():N}";
        var job = cluster.Grains.GetGrain<ITrainingJobGrain>(id);
        var output = Path.Combine(cluster.Directory, id);

        var started = await job.StartAsync(LongRequest(output));
        Assert.Equal(JobState.Running, started.State);
        Assert.Equal(started, await job.StartAsync(LongRequest(output)));
        JobStatus status;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        do
        {
            await Task.Delay(100);
            status = await job.GetStatusAsync();
            Assert.True(DateTime.UtcNow < deadline && !status.IsFinished, $"job {status.State} at {status.Done} samples: {status.Detail} {status.Error}");
        }
        // Six steps of 16: the checkpoint of step 5 (CheckpointEverySteps = 5) is written before step 6 begins.
        while (status.Done < 96);
        var overview = await cluster.Grains.GetGrain<IClusterGrain>(0).GetStatusAsync();
        var listed = (await cluster.Grains.GetGrain<IJobRegistryGrain>(0).ListAsync(0, 100)).Jobs;

        var clock = Stopwatch.StartNew();
        await job.CancelAsync();
        var cancelled = await ThreeSiloCluster.FinishedAsync(job, TimeSpan.FromSeconds(30));

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {clock.Elapsed}");
        Assert.True(File.Exists(Path.Combine(output, DecoderDescription.CheckpointFileName)));
        Assert.False(File.Exists(Path.Combine(output, DecoderDescription.WeightsFileName)));
        Assert.Equal(3, overview.Silos.Length);
        Assert.All(overview.Silos, s => Assert.Equal(("cpu", 1), (s.Kind, s.Count)));
        Assert.Contains(overview.RunningJobs, j => j.JobId == id);
        // Workers = 0 asks for one per device: three silos with one CPU worker each.
        Assert.Equal(3, status.Workers);
        Assert.Equal(3, status.WorkerSilos!.Distinct().Count());
        Assert.Contains(listed, j => j.JobId == id && j.Kind == "train");
        var found = await cluster.Grains.GetGrain<IJobRegistryGrain>(0).FindAsync(id);
        Assert.Equal(JobState.Cancelled, (await found!.GetStatusAsync()).State);
    }

    [Fact]
    public async Task Registry_UnknownJob_IsNull()
    {
        Assert.Null(await cluster.Grains.GetGrain<IJobRegistryGrain>(0).FindAsync("no-such-job"));
    }
}

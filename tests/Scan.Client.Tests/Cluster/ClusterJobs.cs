using Scan.Client.Cluster;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;

namespace Scan.Client.Tests.Cluster;

/// <summary>The small training job the multi-process tests run (2 epochs of 320 images in 20 steps), and waiting for a job.</summary>
internal static class ClusterJobs
{
    public static TrainJobRequest TrainRequest(string target, string output, int workers) => new(target, output, false, null, new Core.ScanSettings(),
        new DecoderTrainingOptions { Epochs = 2, Limit = 320, BatchSize = 32, MicroBatch = 8, CheckpointEverySteps = 2, Seed = 3 },
        Core.Data.FashionMnistDataset.DefaultDirectory, false, "cpu", workers);

    /// <summary>The job's status once it has finished, polling while <paramref name="meanwhile"/> runs on each poll.</summary>
    public static async Task<JobStatus> FinishedAsync(IJobGrain job, TimeSpan limit, Func<JobStatus, Task>? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var status = await JobFollower.StatusAsync(job);
            if (status.IsFinished)
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job still {status.State} after {limit}: {status.Detail}");
            if (meanwhile is not null)
            {
                await meanwhile(status);
            }
            await Task.Delay(100);
        }
    }
}

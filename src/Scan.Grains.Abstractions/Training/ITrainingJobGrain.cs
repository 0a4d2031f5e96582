using Scan.Grains.Abstractions.Jobs;

namespace Scan.Grains.Abstractions.Training;

/// <summary>Owns one decoder-training job: places its workers, drives their steps, checkpoints and writes the decoder.</summary>
[Alias("scan.ITrainingJobGrain")]
public interface ITrainingJobGrain : IJobGrain
{
    /// <summary>Starts the job (once; a second start with the same id returns the current status) and returns at once.</summary>
    [Alias("Start")]
    Task<JobStatus> StartAsync(TrainJobRequest request);

    /// <summary>The request the job was started with (paths resolved), or null for an unknown job.</summary>
    [Alias("GetRequest")]
    Task<TrainJobRequest?> GetRequestAsync();
}

namespace Scan.Grains.Abstractions.Jobs;

/// <summary>What every job grain answers, whatever its kind.</summary>
[Alias("scan.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>The job's state and progress.</summary>
    [Alias("GetStatus")]
    Task<JobStatus> GetStatusAsync();

    /// <summary>Stops the job's workers; a running step ends within seconds and the last checkpoint is kept.</summary>
    [Alias("Cancel")]
    Task CancelAsync();
}

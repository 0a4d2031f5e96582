namespace Scan.Grains.Abstractions.Jobs;

/// <summary>The cluster's list of jobs (one registry, key 0), kept in grain storage.</summary>
[Alias("scan.IJobRegistryGrain")]
public interface IJobRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a new job of <paramref name="kind"/> ("train" or "evaluate").</summary>
    [Alias("Add")]
    Task AddAsync(string jobId, string kind);

    /// <summary>Every job's current status, newest first.</summary>
    [Alias("List")]
    Task<JobStatus[]> ListAsync();

    /// <summary>The job grain of <paramref name="jobId"/>, or null when the cluster has never seen that id.</summary>
    [Alias("Find")]
    Task<IJobGrain?> FindAsync(string jobId);
}

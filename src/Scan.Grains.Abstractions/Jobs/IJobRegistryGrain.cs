namespace Scan.Grains.Abstractions.Jobs;

/// <summary>The cluster's list of jobs (one registry, key 0), kept in grain storage.</summary>
[Alias("scan.IJobRegistryGrain")]
public interface IJobRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a new job with its first status.</summary>
    [Alias("Add")]
    Task AddAsync(JobStatus status);

    /// <summary>A job's latest status: its grain reports it as the job runs and when it ends.</summary>
    [Alias("Report")]
    Task ReportAsync(JobStatus status);

    /// <summary>Jobs [offset, offset + limit), newest first, as last reported (job grains are not asked).</summary>
    [Alias("List")]
    Task<JobPage> ListAsync(int offset, int limit);

    /// <summary>The job grain of <paramref name="jobId"/>, or null when the list does not hold that id.</summary>
    [Alias("Find")]
    Task<IJobGrain?> FindAsync(string jobId);
}

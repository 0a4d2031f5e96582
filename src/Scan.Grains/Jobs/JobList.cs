using Scan.Grains.Abstractions.Jobs;

namespace Scan.Grains.Jobs;

/// <summary>
/// The registry's list of jobs in order of submission, each with the status its grain last reported (without its
/// result). It keeps every running job; when a job is added, finished jobs beyond the newest <c>keepFinished</c> are
/// forgotten.
/// </summary>
[GenerateSerializer, Alias("scan.JobList")]
public sealed class JobList
{
    [Id(0)]
    public List<string> Order { get; set; } = [];

    [Id(1)]
    public Dictionary<string, JobStatus> Latest { get; set; } = [];

    /// <summary>Adds a job with its first status; false when the list already holds it.</summary>
    public bool Add(JobStatus status, int keepFinished)
    {
        if (Latest.ContainsKey(status.JobId))
        {
            return false;
        }
        Order.Add(status.JobId);
        Latest[status.JobId] = Stored(status);
        ForgetOldFinished(keepFinished);
        return true;
    }

    /// <summary>Records a job's latest status; false for a job the list does not hold (never added, or forgotten).</summary>
    public bool Report(JobStatus status)
    {
        if (!Latest.ContainsKey(status.JobId))
        {
            return false;
        }
        Latest[status.JobId] = Stored(status);
        return true;
    }

    public string? KindOf(string jobId) => Latest.TryGetValue(jobId, out var status) ? status.Kind : null;

    /// <summary>Jobs [offset, offset + limit) counted from the newest.</summary>
    public JobPage Page(int offset, int limit) => new(
        Order.AsEnumerable().Reverse().Skip(Math.Max(0, offset)).Take(Math.Max(0, limit)).Select(id => Latest[id]).ToArray(), Order.Count);

    private static JobStatus Stored(JobStatus status) => status with { Result = null };

    private void ForgetOldFinished(int keep)
    {
        var finished = Order.Where(id => Latest[id].IsFinished).ToList();
        foreach (var id in finished.Take(Math.Max(0, finished.Count - keep)))
        {
            Order.Remove(id);
            Latest.Remove(id);
        }
    }
}

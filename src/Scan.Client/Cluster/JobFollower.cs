using Scan.Client.Output;
using Scan.Core;
using Scan.Grains.Abstractions.Jobs;

namespace Scan.Client.Cluster;

/// <summary>Follows a started job to its end: progress lines while it runs, its result when it succeeds, a clear error when it does not.</summary>
public static class JobFollower
{
    public static Task<JobStatus> FollowAsync(IJobGrain job, ScanConsole console, Func<JobStatus, string> progress, CancellationToken cancellation) =>
        console.WithProgressAsync(job.GetPrimaryKeyString(), report => FollowAsync(job, status => report(status.Done, status.Total, progress(status)), cancellation));

    private static async Task<JobStatus> FollowAsync(IJobGrain job, Action<JobStatus> report, CancellationToken cancellation)
    {
        while (true)
        {
            JobStatus status;
            try
            {
                await Task.Delay(250, cancellation);
                status = await StatusAsync(job, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                await job.CancelAsync();
                await WaitUntilFinishedAsync(job);
                throw new OperationCanceledException(Cancelled(job.GetPrimaryKeyString()), cancellation);
            }
            if (status.Total > 0 || status.IsFinished)
            {
                report(status);
            }
            switch (status.State)
            {
                case JobState.Succeeded:
                    return status;
                case JobState.Cancelled:
                    throw new OperationCanceledException(Cancelled(status.JobId));
                case JobState.Failed when status.BadInput:
                    throw new ScanInputException(status.Error ?? "bad input");
                case JobState.Failed:
                    throw new InvalidOperationException($"job {status.JobId} failed: {status.Error}");
            }
        }
    }

    /// <summary>What was stopped and what can be resumed, for the person who stopped it.</summary>
    public static string Cancelled(string jobId) => jobId.StartsWith("train-", StringComparison.Ordinal)
        ? $"cancelled training job {jobId}; its last complete checkpoint is kept, and `scan train --resume {jobId}` continues it."
        : $"cancelled job {jobId}; an evaluation run with --progress FILE keeps its finished shards: the same command scores the rest.";

    /// <summary>
    /// The job's status, asking again for up to <see cref="SiloLossPatience"/> while the cluster recovers from losing the
    /// silo the job grain lived on (the grain comes back on another silo from its stored record).
    /// </summary>
    public static async Task<JobStatus> StatusAsync(IJobGrain job, CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + SiloLossPatience;
        while (true)
        {
            try
            {
                return await job.GetStatusAsync();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellation);
            }
        }
    }

    public static TimeSpan SiloLossPatience { get; } = TimeSpan.FromSeconds(90);

    /// <summary>A new job id: its kind, the UTC time and a random suffix.</summary>
    public static string NewJobId(string kind) => $"{kind}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    private static async Task WaitUntilFinishedAsync(IJobGrain job)
    {
        for (var i = 0; i < 200 && !(await job.GetStatusAsync()).IsFinished; i++)
        {
            await Task.Delay(100);
        }
    }
}

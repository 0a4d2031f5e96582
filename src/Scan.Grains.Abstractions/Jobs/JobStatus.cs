namespace Scan.Grains.Abstractions.Jobs;

/// <summary>Where a job is in its life.</summary>
[GenerateSerializer, Alias("scan.JobState")]
public enum JobState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// A job's state and progress: <paramref name="Done"/> of <paramref name="Total"/> units (training samples or test
/// images), their rate, a one-line <paramref name="Detail"/>, the error of a failed job, and its
/// <paramref name="Result"/> once it has succeeded. <paramref name="BadInput"/> marks a failure
/// caused by the request rather than by the cluster; <paramref name="WorkerSilos"/> says where each worker ran;
/// <paramref name="ExchangeShare"/> is the fraction of training step time spent exchanging gradients (slowest worker).
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.JobStatus")]
public sealed record JobStatus(
    [Id(0)] string JobId,
    [Id(1)] string Kind,
    [Id(2)] JobState State,
    [Id(3)] long Done,
    [Id(4)] long Total,
    [Id(5)] double UnitsPerSecond,
    [Id(6)] string Detail,
    [Id(7)] string? Error,
    [Id(8)] JobResult? Result,
    [Id(9)] int Workers,
    [Id(10)] bool BadInput = false,
    [Id(11)] string[]? WorkerSilos = null,
    [Id(12)] double ExchangeShare = 0)
{
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    public static JobStatus Unknown(string jobId) => new(jobId, "unknown", JobState.Pending, 0, 0, 0, "", null, null, 0);
}

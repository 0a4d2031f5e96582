using Scan.Grains.Abstractions.Jobs;

namespace Scan.Grains.Jobs;

/// <summary>
/// What a job grain keeps in grain storage (Redis on a cluster), so that a job outlives the silo that ran it: its
/// request (as the grain received it), its last status, and how many attempts it has started.
/// </summary>
[GenerateSerializer, Alias("scan.JobRecord")]
public sealed class JobRecord<TRequest>
{
    [Id(0)]
    public TRequest? Request { get; set; }

    [Id(1)]
    public JobStatus? Status { get; set; }

    [Id(2)]
    public int Attempts { get; set; }
}

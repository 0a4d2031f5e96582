namespace Scan.Grains.Abstractions.Jobs;

/// <summary>One page of the cluster's jobs, newest first, as their grains last reported them, and how many there are.</summary>
[GenerateSerializer, Immutable, Alias("scan.JobPage")]
public sealed record JobPage([Id(0)] JobStatus[] Jobs, [Id(1)] int Total);

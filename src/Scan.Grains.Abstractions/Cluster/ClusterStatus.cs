namespace Scan.Grains.Abstractions.Cluster;

/// <summary>One silo as the cluster sees it: its address, its devices (kind "cpu" or "cuda", and how many workers they take).</summary>
[GenerateSerializer, Immutable, Alias("scan.SiloDevices")]
public sealed record SiloDevices([Id(0)] string Silo, [Id(1)] string Kind, [Id(2)] int Count);

/// <summary>The silos that answer, their devices, and the jobs still running.</summary>
[GenerateSerializer, Immutable, Alias("scan.ClusterStatus")]
public sealed record ClusterStatus([Id(0)] SiloDevices[] Silos, [Id(1)] Jobs.JobStatus[] RunningJobs)
{
    public int Devices => Silos.Sum(s => s.Count);
}

/// <summary>The cluster's overview (key 0): silos, devices, running jobs.</summary>
[Alias("scan.IClusterGrain")]
public interface IClusterGrain : IGrainWithIntegerKey
{
    [Alias("GetStatus")]
    Task<ClusterStatus> GetStatusAsync();
}

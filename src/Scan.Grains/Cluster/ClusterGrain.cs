using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Grains.Abstractions.Cluster;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Placement;

namespace Scan.Grains.Cluster;

/// <summary>The silos that answer with the devices they announced, and the job registry for the jobs still running.</summary>
public sealed class ClusterGrain(ISiloMetadataCache metadata) : Grain, IClusterGrain
{
    public async Task<ClusterStatus> GetStatusAsync()
    {
        var silos = await DeviceSlots.SilosAsync(GrainFactory, metadata);
        var jobs = await GrainFactory.GetGrain<IJobRegistryGrain>(0).ListAsync(0, int.MaxValue);
        return new ClusterStatus(silos.Select(s => s.Devices).ToArray(), jobs.Jobs.Where(j => !j.IsFinished).ToArray());
    }
}

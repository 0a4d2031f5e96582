using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Scan.Grains.Placement;

/// <summary>Puts a job's workers on chosen silos: the active silos in a fixed order, ranks dealt round-robin.</summary>
public static class WorkerPlacement
{
    public static async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync(IGrainFactory grains)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>Makes the call <paramref name="call"/> activate its grain on <paramref name="silo"/> (when it is not active yet).</summary>
    public static Task<T> OnSilo<T>(SiloAddress silo, Func<Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}

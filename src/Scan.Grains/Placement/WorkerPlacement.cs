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

    /// <summary>
    /// The active silos that answer a runtime-statistics request within <paramref name="patience"/> (default 3 s): a
    /// silo that was just killed is still "active" until the others vote it dead, but it does not answer.
    /// </summary>
    public static async Task<IReadOnlyList<SiloAddress>> AnsweringSilosAsync(IGrainFactory grains, TimeSpan? patience = null)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var silos = await ActiveSilosAsync(grains);
        var answers = await Task.WhenAll(silos.Select(async silo =>
        {
            try
            {
                await management.GetRuntimeStatistics([silo]).WaitAsync(patience ?? TimeSpan.FromSeconds(3));
                return true;
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansException)
            {
                return false;
            }
        }));
        var answering = silos.Where((_, i) => answers[i]).ToList();
        return answering.Count > 0 ? answering : throw new SiloUnavailableException("No silo of the cluster answers.");
    }

    /// <summary>Makes the call <paramref name="call"/> activate its grain on <paramref name="silo"/> (when it is not active yet).</summary>
    public static Task OnSilo(SiloAddress silo, Func<Task> call) => OnSilo(silo, async () =>
    {
        await call();
        return true;
    });

    /// <inheritdoc cref="OnSilo(SiloAddress, Func{Task})"/>
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

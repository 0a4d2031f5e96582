using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Scan.Silo.Health;

/// <summary>What this silo's membership looks like when the table itself is read (not the silo's cached view).</summary>
public enum MembershipState
{
    /// <summary>The silo has not become active yet (still joining), or is shutting down.</summary>
    NotActive,

    /// <summary>Active, and its entry in the table says so.</summary>
    Active,

    /// <summary>The table could not be read (Redis down or unreachable).</summary>
    TableUnreachable,

    /// <summary>
    /// Redis answers but the table has no active entry for this silo: Redis came back empty (the table itself is gone),
    /// or the silo was declared dead.
    /// </summary>
    EntryLost,
}

/// <summary>Reads this silo's row of the membership table, with a time limit; readiness and the membership watchdog share it.</summary>
public sealed class MembershipView(IServiceProvider services, ILogger<MembershipView> logger)
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(3);

    public async Task<(MembershipState State, string Detail)> ReadAsync(CancellationToken cancellation)
    {
        SiloAddress local;
        IMembershipTable table;
        try
        {
            local = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            if (services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(local) != SiloStatus.Active)
            {
                return (MembershipState.NotActive, "this silo is not an active cluster member (joining or stopping)");
            }
            table = services.GetRequiredService<IMembershipTable>();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            return (MembershipState.NotActive, "the silo is not running");
        }
        try
        {
            var row = await table.ReadRowAsync(local, cancellation).WaitAsync(ReadLimit, cancellation);
            return row.TryGet(local) is { } entry && entry.Item1.Status == SiloStatus.Active
                ? (MembershipState.Active, "active in the membership table")
                : (MembershipState.EntryLost, $"this silo's entry is {(row.TryGet(local) is { } e ? e.Item1.Status.ToString() : "missing")} in the membership table");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            logger.LogDebug(e, "Reading the membership table failed");
            return e is TimeoutException or StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException
                ? (MembershipState.TableUnreachable, $"the membership table could not be read ({e.GetType().Name}: {e.Message})")
                : (MembershipState.EntryLost, $"Redis answers without this silo's membership ({e.GetType().Name}: {e.Message})");
        }
    }
}

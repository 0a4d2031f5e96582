using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scan.Grains.Observability;

namespace Scan.Silo.Health;

/// <summary>
/// Stops the silo when its membership entry has vanished from a table that answers (Redis came back empty, or the
/// silo was declared dead) for longer than the grace and no job works here, so that its supervisor (Kubernetes, a
/// service manager) restarts it and it joins again. Orleans cannot re-register a running silo. A failed read never
/// ends it: only a lost entry does.
/// </summary>
public sealed class MembershipWatchdog(MembershipView view, IOptions<ScanSiloOptions> options, IHostApplicationLifetime lifetime,
    SiloExit exit, ILogger<MembershipWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan ForcedExitDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grace = TimeSpan.FromSeconds(options.Value.MembershipLossGrace);
        var period = TimeSpan.FromSeconds(Math.Clamp(grace.TotalSeconds / 4, 0.5, 5));
        DateTime? lostSince = null;
        using var timer = new PeriodicTimer(period);
        while (await NextTickAsync(timer, stoppingToken))
        {
            var (state, detail) = await view.ReadAsync(stoppingToken);
            if (state != MembershipState.EntryLost)
            {
                lostSince = null;
                continue;
            }
            if (lostSince is null)
            {
                logger.LogWarning("Membership lost: {Detail}; this silo stops to rejoin once it has been idle for {Grace}", detail, grace);
                lostSince = DateTime.UtcNow;
            }
            if (DateTime.UtcNow - lostSince >= grace && ScanMetrics.IsIdle(grace))
            {
                logger.LogError("Stopping: {Detail} for {Lost:F0} s; a restart joins the cluster again", detail, (DateTime.UtcNow - lostSince.Value).TotalSeconds);
                exit.Code = SiloExitCodes.MembershipLost;
                lifetime.StopApplication();
                // A silo cannot leave a table that lost it: Orleans' stop would retry its membership writes for minutes.
                await Task.Delay(ForcedExitDelay, CancellationToken.None);
                Environment.Exit(SiloExitCodes.MembershipLost);
                return;
            }
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>The exit code the silo process ends with, when something inside it decided to stop it.</summary>
public sealed class SiloExit
{
    public int Code { get; set; } = SiloExitCodes.Stopped;
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scan.Silo.Health;

/// <summary>Readiness: this silo is active in the membership table, read from Redis now (so Redis is reachable too).</summary>
public sealed class MembershipHealthCheck(MembershipView view) : IHealthCheck
{
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (state, detail) = await view.ReadAsync(cancellationToken);
        return state == MembershipState.Active ? HealthCheckResult.Healthy(detail) : HealthCheckResult.Unhealthy(detail);
    }
}

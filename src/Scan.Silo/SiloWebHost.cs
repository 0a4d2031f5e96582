using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using Scan.Grains.Observability;
using Scan.Silo.Dashboard;
using Scan.Silo.Health;

namespace Scan.Silo;

/// <summary>
/// A silo process as an ASP.NET Core application: the Orleans silo, and on one Kestrel port <c>/metrics</c>
/// (Prometheus: ScanCluster's and Orleans' meters), <c>/healthz</c> (the process answers), <c>/ready</c> (this silo is
/// active in the membership table) and, when turned on, the Orleans dashboard at <c>/dashboard</c> behind basic authentication.
/// </summary>
public static class SiloWebHost
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/ready";
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";

    /// <summary>The application; building it binds and validates the options (a malformed or invalid value throws).</summary>
    public static WebApplication Build(IConfiguration configuration)
    {
        var options = SiloConfiguration.Options(configuration);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        ScanSiloHost.LogToStandardError(builder.Logging, LogLevel.Information);
        builder.Services.AddOptions<ScanSiloOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        // The HTTP endpoints answer while the silo joins (liveness and startup probes), so Kestrel starts beside Orleans, not after it.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(options.HttpPort));
        builder.UseOrleans(silo =>
        {
            ScanSiloHost.Configure(silo, options, options.ArtifactRoot ?? Directory.GetCurrentDirectory());
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ScanMetrics.MeterName, "Microsoft.Orleans").AddPrometheusExporter());
        builder.Services.AddSingleton<MembershipView>().AddSingleton<SiloExit>().AddHostedService<MembershipWatchdog>();
        builder.Services.AddHealthChecks().AddCheck<MembershipHealthCheck>("membership", tags: [MembershipHealthCheck.ReadyTag]);
        if (options.Dashboard)
        {
            // The core services only: basic authentication needs no data protection keys (and the root file system is read-only).
            builder.Services.AddWebEncoders().AddAuthenticationCore(o => o.DefaultScheme = BasicAuthenticationHandler.SchemeName);
            new AuthenticationBuilder(builder.Services).AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
            builder.Services.AddAuthorization();
        }

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(ScanMetrics.ExportFromStart);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(MembershipHealthCheck.ReadyTag) });
        if (options.Dashboard)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization();
        }
        return app;
    }
}

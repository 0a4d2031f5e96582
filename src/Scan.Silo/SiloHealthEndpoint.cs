using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Scan.Silo;

/// <summary>
/// The silo's health endpoints for Kubernetes probes, on their own port: <c>GET /healthz</c> answers 200 while the
/// process runs; <c>GET /ready</c> answers 200 once this silo is an active member of its cluster, 503 before and
/// while it shuts down. Started before the silo, so the liveness and startup probes get answers while it joins.
/// </summary>
public sealed class SiloHealthEndpoint(int port, IServiceProvider services) : BackgroundService
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/ready";

    private readonly HttpListener _listener = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Prefixes.Add($"http://*:{port}/");
        _listener.Start();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = stoppingToken.Register(_listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var (status, text) = context.Request.Url?.AbsolutePath switch
            {
                LivePath => (200, "alive"),
                ReadyPath => IsActive() ? (200, "ready") : (503, "not an active cluster member"),
                _ => (404, $"{LivePath} or {ReadyPath}"),
            };
            context.Response.StatusCode = status;
            var body = System.Text.Encoding.UTF8.GetBytes(text + "\n");
            await context.Response.OutputStream.WriteAsync(body, stoppingToken);
            context.Response.Close();
        }
    }

    public override void Dispose()
    {
        ((IDisposable)_listener).Dispose();
        base.Dispose();
    }

    private bool IsActive()
    {
        try
        {
            var local = services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            return services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(local) == SiloStatus.Active;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Membership is not up yet, or already gone.
            return false;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scan.Silo.Health;

namespace Scan.Silo;

/// <summary><c>scan silo</c>: runs a silo process until Ctrl-C or SIGTERM; every failure to start is one line and an exit code.</summary>
public static class SiloMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help" or "-h"])
        {
            Console.Error.WriteLine(SiloConfiguration.Usage);
            return SiloExitCodes.Stopped;
        }
        Microsoft.AspNetCore.Builder.WebApplication app;
        ScanSiloOptions options;
        try
        {
            app = SiloWebHost.Build(SiloConfiguration.Build(args));
            options = app.Services.GetRequiredService<IOptions<ScanSiloOptions>>().Value;
            PortCheck.EnsureFree(options);
            Core.Devices.CpuThreads.ApplyEnvironment();
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException or FormatException or Core.ScanInputException)
        {
            Console.Error.WriteLine($"scan silo: {e.Message}");
            return SiloExitCodes.BadConfiguration;
        }
        var exit = app.Services.GetRequiredService<SiloExit>();
        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"scan silo: could not join cluster {options.ClusterId} ({e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}).");
                return SiloExitCodes.CouldNotJoin;
            }
            Console.Error.WriteLine($"scan silo: joined cluster {options.ClusterId} (silo port {options.SiloPort}, gateway port {options.GatewayPort}, " +
                $"HTTP port {options.HttpPort}, artifact root {options.ArtifactRoot ?? Directory.GetCurrentDirectory()}).");
            await app.WaitForShutdownAsync();
        }
        return exit.Code;
    }
}

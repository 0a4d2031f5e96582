using Microsoft.Extensions.Hosting;

namespace Scan.Silo;

/// <summary>Runs a silo process until it is stopped (Ctrl-C or SIGTERM): the scan-silo executable and <c>scan silo</c> both start here.</summary>
public static class SiloMain
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args is ["--help" or "-h"])
        {
            Console.Error.WriteLine(SiloArguments.Usage);
            return 0;
        }
        var settings = SiloArguments.Parse(args, Environment.GetEnvironmentVariable);
        if (settings is null)
        {
            Console.Error.WriteLine(SiloArguments.Usage);
            return 2;
        }
        Core.Devices.CpuThreads.ApplyEnvironment();
        using var host = ScanSiloHost.Build(settings);
        try
        {
            await host.StartAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"scan-silo: could not join the cluster ({e.GetType().Name}: {e.Message}).");
            return 1;
        }
        Console.Error.WriteLine($"scan-silo: joined cluster {settings.ClusterId} (silo port {settings.SiloPort}, gateway port {settings.GatewayPort}, artifact root {settings.ArtifactRoot}).");
        await host.WaitForShutdownAsync();
        return 0;
    }
}

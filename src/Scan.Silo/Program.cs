using Microsoft.Extensions.Hosting;
using Scan.Silo;

// scan-silo: a ScanCluster silo process. Every option also reads from the environment (SCAN_REDIS, …) so that a
// Kubernetes manifest can set it from the downward API and Secrets.
var settings = SiloArguments.Parse(args, Environment.GetEnvironmentVariable);
if (settings is null)
{
    Console.Error.WriteLine(SiloArguments.Usage);
    return 2;
}
using var host = ScanSiloHost.Build(settings);
await host.RunAsync();
return 0;

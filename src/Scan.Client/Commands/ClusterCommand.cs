using System.CommandLine;
using System.Text.Json;
using Scan.Client.Cluster;
using Scan.Client.Output;
using Scan.Grains.Abstractions.Cluster;

namespace Scan.Client.Commands;

/// <summary><c>scan cluster status</c>: the silos that answer, their devices, and the jobs still running.</summary>
public static class ClusterCommand
{
    public static Command Create(ScanConsole console)
    {
        var cluster = ClusterChoice.ClusterOnly();
        var format = CommonOptions.Format();
        var status = new Command("status", "List the silos, their devices and the running jobs") { cluster, format };
        status.SetScanAction(console, (parse, cancellation) =>
        {
            var report = StatusAsync(parse.GetValue(cluster), cancellation).GetAwaiter().GetResult();
            if (parse.GetValue(format) == "json")
            {
                console.Result(JsonSerializer.Serialize(report, JobsCommand.Json));
                return ExitCodes.Success;
            }
            console.Table($"{report.Silos.Length} silo(s), {report.Devices} device(s)", ["silo", "devices"],
                report.Silos.Select(s => (IReadOnlyList<string>)[s.Silo, $"{s.Count} × {s.Kind}"]));
            JobsCommand.PrintJobs(console, "running jobs", report.RunningJobs);
            return ExitCodes.Success;
        });
        return new Command("cluster", "Look at a ScanCluster cluster") { status };
    }

    private static async Task<ClusterStatus> StatusAsync(string? address, CancellationToken cancellation)
    {
        await using var lease = await ClusterLease.AcquireAsync(address, cancellation);
        return await lease.Client.GetGrain<IClusterGrain>(0).GetStatusAsync();
    }
}

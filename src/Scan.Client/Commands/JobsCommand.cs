using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scan.Client.Cluster;
using Scan.Client.Output;
using Scan.Core;
using Scan.Grains.Abstractions.Jobs;

namespace Scan.Client.Commands;

/// <summary><c>scan jobs list|show|cancel</c>: the jobs a cluster has run or is running.</summary>
public static class JobsCommand
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create(ScanConsole console)
    {
        var list = new Command("list", "List the jobs, newest first, as their grains last reported them");
        var limit = new Option<int>("--limit", "-n") { Description = "jobs to list", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "newest jobs to skip (the next page)", DefaultValueFactory = _ => 0 };
        list.Options.Add(limit);
        list.Options.Add(offset);
        var show = new Command("show", "Show one job's status");
        var cancel = new Command("cancel", "Cancel a running job (its workers stop within seconds; the last checkpoint is kept)");
        foreach (var command in new[] { list, show, cancel })
        {
            var cluster = ClusterChoice.ClusterOnly();
            var format = CommonOptions.Format();
            var job = new Argument<string>("job") { Description = "the job id (see `scan jobs list`)" };
            command.Options.Add(cluster);
            command.Options.Add(format);
            if (command != list)
            {
                command.Arguments.Add(job);
            }
            command.SetScanAction(console, (parse, cancellation) => RunAsync(console, command.Name, parse.GetValue(cluster),
                command == list ? null : parse.GetValue(job), (parse.GetValue(offset), parse.GetValue(limit)), parse.GetValue(format) == "json", cancellation)
                .GetAwaiter().GetResult());
        }
        return new Command("jobs", "List, show and cancel a cluster's jobs") { list, show, cancel };
    }

    private static async Task<int> RunAsync(ScanConsole console, string action, string? address, string? jobId, (int Offset, int Limit) page, bool json,
        CancellationToken cancellation)
    {
        await using var lease = await ClusterLease.AcquireAsync(address, cancellation);
        var registry = lease.Client.GetGrain<IJobRegistryGrain>(0);
        if (jobId is null)
        {
            if (page.Offset < 0 || page.Limit < 1)
            {
                throw new ScanInputException($"--offset {page.Offset} --limit {page.Limit}: the offset must be 0 or more and the limit at least 1.");
            }
            var jobs = await registry.ListAsync(page.Offset, page.Limit);
            if (json)
            {
                console.Result(JsonSerializer.Serialize(jobs, Json));
            }
            else
            {
                var shown = jobs.Jobs.Length == 0 ? "none" : $"{page.Offset + 1}–{page.Offset + jobs.Jobs.Length}";
                PrintJobs(console, $"jobs {shown} of {jobs.Total}", jobs.Jobs);
            }
            return ExitCodes.Success;
        }
        var job = await registry.FindAsync(jobId) ?? throw new ScanInputException($"job {jobId}: this cluster has no such job (see `scan jobs list`).");
        var status = await JobFollower.StatusAsync(job, cancellation);
        if (action == "cancel")
        {
            if (status.State != JobState.Running)
            {
                throw new ScanInputException($"job {jobId} has already ended ({status.State.ToString().ToLowerInvariant()}); there is nothing to cancel.");
            }
            await job.CancelAsync();
        }
        if (json)
        {
            console.Result(JsonSerializer.Serialize(status, Json));
        }
        else
        {
            PrintJobs(console, action == "cancel" ? "cancelling" : "job", [status]);
            if (status.Error is { } error)
            {
                console.Error(error);
            }
        }
        return ExitCodes.Success;
    }

    public static void PrintJobs(ScanConsole console, string title, IReadOnlyList<JobStatus> jobs) =>
        console.Table(title, ["job", "kind", "state", "progress", "workers", "detail"], jobs.Select(j => (IReadOnlyList<string>)
            [j.JobId, j.Kind, j.State.ToString(), j.Total > 0 ? $"{j.Done}/{j.Total}" : "", $"{j.Workers}", j.Detail]));
}

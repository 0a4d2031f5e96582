using Scan.Core;
using System.CommandLine;

namespace Scan.Client.Commands;

/// <summary>Where a job runs: <c>--cluster</c> (absent: a silo in this process) and <c>--workers</c>.</summary>
public sealed record ClusterChoice(Option<string?> Cluster, Option<int> Workers)
{
    /// <summary>Only <c>--cluster</c>, for commands that look at a cluster rather than run a job on it.</summary>
    public static Option<string?> ClusterOnly() => new("--cluster") { Description = "redis://HOST:PORT[,password=…] of a running cluster (default: a silo inside this process, which knows only its own jobs)" };

    public static ClusterChoice Create(string workersDescription) => new(
        ClusterOnly(),
        new Option<int>("--workers") { Description = workersDescription + "; 0: one per device of the cluster", DefaultValueFactory = _ => 0 });

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(Workers);
    }

    public (string? Cluster, int Workers) Read(ParseResult parse)
    {
        var workers = parse.GetValue(Workers);
        return workers < 0 ? throw new ScanInputException($"--workers {workers}: must be 0 (one per device) or more.") : (parse.GetValue(Cluster), workers);
    }
}

using System.CommandLine;

namespace Scan.Client.Commands;

/// <summary>Where a job runs: <c>--cluster</c> (absent: a silo in this process) and <c>--workers</c>.</summary>
public sealed record ClusterChoice(Option<string?> Cluster, Option<int> Workers)
{
    public static ClusterChoice Create(string workersDescription) => new(
        new Option<string?>("--cluster") { Description = "redis://HOST:PORT[,password=…] of a running cluster (default: a silo inside this process)" },
        new Option<int>("--workers") { Description = workersDescription, DefaultValueFactory = _ => 1 });

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(Workers);
    }

    public (string? Cluster, int Workers) Read(ParseResult parse)
    {
        var workers = parse.GetValue(Workers);
        return workers < 1 ? throw new ArgumentException($"--workers {workers}: must be at least 1.") : (parse.GetValue(Cluster), workers);
    }
}

using System.CommandLine;
using Scan.Client.Output;

namespace Scan.Client.Commands;

/// <summary>The command list of the <c>scan</c> client.</summary>
public static class ScanCommands
{
    public static IEnumerable<Command> All(ScanConsole console) =>
    [
        DemoCommand.Create(console),
        MakeDatasetCommand.Create(console),
        TrainTargetCommand.Create(console),
        ImportCommand.Create(console),
        TrainHeadCommand.Create(console),
        LayersCommand.Create(console),
        TrainCommand.Create(console),
        ExplainCommand.Create(console),
        EvaluateCommand.Create(console),
        SanityCommand.Create(console),
        AblateCommand.Create(console),
        ReportCommand.Create(console),
        ClusterCommand.Create(console),
        JobsCommand.Create(console),
        SubmitCommand.Create(console),
        // Listed for help only: `scan silo …` goes straight to the silo host (ScanCli.RunAsync).
        new Command("silo", "Run a silo that joins a cluster through Redis: scan silo --redis HOST:PORT [--artifact-root DIR] … (scan silo --help)"),
    ];
}

using System.CommandLine;
using Scan.Client.Commands;
using Scan.Client.Output;

namespace Scan.Client;

/// <summary>The <c>scan</c> command line, runnable in process (the tests drive it with their own console).</summary>
public static class ScanCli
{
    public static RootCommand Build(ScanConsole console)
    {
        var root = new RootCommand("scan: SCAN explanations (Self-Confidence and Analysis Networks) for image classifiers");
        foreach (var command in ScanCommands.All(console))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static Task<int> RunAsync(string[] args, ScanConsole console) => Build(console).Parse(args).InvokeAsync();
}

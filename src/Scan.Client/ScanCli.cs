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

    /// <summary>Runs a command; <c>scan silo …</c> hands its arguments to the silo host unparsed (see <c>scan silo --help</c>).</summary>
    public static Task<int> RunAsync(string[] args, ScanConsole console) => args is ["silo", .. var siloArgs]
        ? Silo.SiloMain.RunAsync(siloArgs)
        : Build(console).Parse(args).InvokeAsync();
}

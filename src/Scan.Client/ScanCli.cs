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

    /// <summary>
    /// Runs a command; <c>scan silo …</c> hands its arguments to the silo host unparsed (see <c>scan silo --help</c>).
    /// A command line that does not parse exits 2 with its errors and one line pointing at the command's --help.
    /// </summary>
    public static Task<int> RunAsync(string[] args, ScanConsole console)
    {
        if (args is ["silo", .. var siloArgs])
        {
            return Silo.SiloMain.RunAsync(siloArgs);
        }
        var parse = Build(console).Parse(args);
        if (parse.Errors.Count == 0)
        {
            return parse.InvokeAsync(new InvocationConfiguration { Output = console.ResultsWriter });
        }
        foreach (var error in parse.Errors)
        {
            console.Error(error.Message);
        }
        console.Info($"See '{CommandPath(parse.CommandResult)} --help'.");
        return Task.FromResult(ExitCodes.BadInput);
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new List<string>();
        for (var at = command; at.Parent is System.CommandLine.Parsing.CommandResult parent; at = parent)
        {
            names.Insert(0, at.Command.Name);
        }
        return string.Join(' ', ["scan", .. names]);
    }
}

using System.CommandLine;
using Scan.Client.Commands;
using Scan.Client.Output;

var console = ScanConsole.ForProcess();
var root = new RootCommand("scan: SCAN explanations (Self-Confidence and Analysis Networks) for image classifiers");
foreach (var command in ScanCommands.All(console))
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();

using Scan.Client;
using Scan.Client.Output;

namespace Scan.Client.Tests;

/// <summary>One in-process run of the <c>scan</c> command line: its exit code, stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await ScanCli.RunAsync(args, new ScanConsole(stdout, stderr, interactive: false));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The explainable layers that <c>scan layers --format json</c> printed.</summary>
    public static string[] ExplainableLayers(string json) =>
    [
        .. System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(layer => layer.GetProperty("explainable").GetBoolean()).Select(layer => layer.GetProperty("layer").GetString()!),
    ];
}

namespace Scan.Client.Tests.Commands;

/// <summary>What every command does as command lines do: parse errors exit 2 in a few lines, short aliases, no secret echoed.</summary>
public sealed class CommandLineConventionTests
{
    private static string Missing => Path.Combine(Path.GetTempPath(), $"scan-missing-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("scan evaluate --help", "evaluate", "--target", "t", "--format", "yaml")]
    [InlineData("scan explain --help", "explain", "--bogus")]
    [InlineData("scan jobs list --help", "jobs", "list", "--limit", "many")]
    [InlineData("scan --help")]
    public async Task ParseError_ExitsBadInputWithTheErrorAndOneLinePointingAtHelp(string help, params string[] args)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Equal($"See '{help}'.", lines[^1]);
        Assert.InRange(lines.Length, 2, 6);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task ShortAliases_DashNIsLimitAndDashOIsOut()
    {
        var limit = await CliRun.Of("evaluate", "--target", Missing, "--methods", "gradcam", "-n", "0");
        var output = await CliRun.Of("explain", "--target", Missing, "--method", "gradcam", "--index", "0", "-o", "x.png");

        Assert.Equal(ExitCodes.BadInput, limit.ExitCode);
        Assert.Contains("--limit 0: must be at least 1", limit.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, output.ExitCode);
        Assert.Contains("does not exist", output.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterStatus_AddressWithAPassword_NeverPrintsThePassword()
    {
        var run = await CliRun.Of("cluster", "status", "--cluster", "redis://127.0.0.1:1,password=hunter2");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("password=***", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_TrainingJob_SaysWhatStoppedAndHowToResumeIt()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = Scan.Client.Commands.CommandRunner.Run(new Scan.Client.Output.ScanConsole(stdout, stderr, interactive: false),
            () => throw new OperationCanceledException(Scan.Client.Cluster.JobFollower.Cancelled("train-20261204-1")));

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal("error: cancelled training job train-20261204-1; its last complete checkpoint is kept, and `scan train --resume train-20261204-1` continues it.",
            stderr.ToString().Trim());
    }
}

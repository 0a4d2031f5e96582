namespace Scan.Client.Tests.Commands;

public class BadInputTests
{
    private static string Missing => Path.Combine(Path.GetTempPath(), $"scan-missing-{Guid.NewGuid():N}");

    [Fact]
    public async Task Evaluate_TargetDirectoryMissing_ExitsBadInputNamingIt()
    {
        var missing = Missing;

        var run = await CliRun.Of("evaluate", "--target", missing, "--methods", "gradcam", "--limit", "5");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(missing, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Evaluate_UnknownMethod_ListsTheMethods()
    {
        var run = await CliRun.Of("evaluate", "--target", Missing, "--methods", "gradcam,lime2");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("lime2", run.Stderr);
        Assert.Contains("scan, gradcam, random", run.Stderr);
    }

    [Fact]
    public async Task Evaluate_RiseMasksZero_ExitsBadInputNamingTheSetting()
    {
        var run = await CliRun.Of("evaluate", "--target", Missing, "--methods", "rise", "--rise-masks", "0");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("RiseMasks = 0", run.Stderr);
    }

    [Fact]
    public async Task Explain_UnknownMethod_ListsTheMethods()
    {
        var run = await CliRun.Of("explain", "--target", Missing, "--method", "lime2", "--index", "3", "--out", "x.png");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--method lime2", run.Stderr);
        Assert.Contains("rise, lime", run.Stderr);
    }

    [Fact]
    public async Task Explain_BothImageAndIndex_ExitsBadInput()
    {
        var run = await CliRun.Of("explain", "--target", Missing, "--decoder", Missing, "--image", "a.png", "--index", "3", "--out", "x.png");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("exactly one of --image", run.Stderr);
    }

    [Fact]
    public async Task Device_Unknown_ExitsBadInput()
    {
        var run = await CliRun.Of("layers", "--target", Missing, "--device", "tpu");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public async Task Train_LearningRateInfinity_ExitsBadInputNamingTheOption()
    {
        var run = await CliRun.Of("train", "--target", Missing, "--out", Missing, "--lr", "Infinity");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("need a finite lr > 0", run.Stderr);
        Assert.DoesNotContain("JsonNumberHandling", run.Stderr);
    }

    [Fact]
    public async Task Explain_OutInAMissingDirectory_ExitsBadInputAndCreatesNothing()
    {
        var missing = Missing;

        var run = await CliRun.Of("explain", "--target", Missing, "--method", "gradcam", "--index", "0", "--out", Path.Combine(missing, "x.png"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"the directory {missing} does not exist", run.Stderr);
        Assert.False(Directory.Exists(missing));
    }
}

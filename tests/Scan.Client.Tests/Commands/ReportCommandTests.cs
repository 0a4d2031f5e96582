using System.Text.Json;
using SixLabors.ImageSharp;

namespace Scan.Client.Tests.Commands;

public sealed class ReportCommandTests : IClassFixture<UntrainedTarget>
{
    private readonly UntrainedTarget _target;

    public ReportCommandTests(UntrainedTarget target) => _target = target;

    [Fact]
    public async Task Report_FormatJson_PrintsReportJsonAloneOnStdout()
    {
        var output = Path.Combine(_target.Directory, "report-json");

        var run = await CliRun.Of("report", "--target", _target.Path, "--out", output, "--methods", "gradcam,random", "--limit", "4", "--grid-images", "1", "--format", "json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(output, "report.json")).Trim(), run.Stdout.Trim());
    }

    [Fact]
    public async Task Report_CnnWithoutDecoder_ComparesEveryApplicableMethod()
    {
        var output = Path.Combine(_target.Directory, "report");
        var run = await CliRun.Of("report", "--target", _target.Path, "--out", output, "--limit", "12", "--random-maps", "3", "--grid-images", "2",
            "--rise-masks", "40", "--lime-samples", "30", "--device", "cpu");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        var methods = json.RootElement.GetProperty("evaluation").GetProperty("methods").EnumerateObject().Select(m => m.Name).ToArray();
        // No decoder: no scan. A CNN: no attention methods.
        Assert.Equal(["gradcam", "random", "gradcam++", "xgradcam", "layercam", "rise", "lime"], methods);
        Assert.Equal(3, json.RootElement.GetProperty("evaluation").GetProperty("methods").GetProperty("random").GetProperty("random_maps").GetInt32());
        Assert.Equal("cnn", json.RootElement.GetProperty("architecture").GetString());
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.All(methods, m => Assert.Contains($"| {m} |", markdown));
        Assert.Contains("Random-map check: 3 random maps", markdown);
        using var grid = Image.Load(Path.Combine(output, "grid.png"));
        // 2 rows and 1 + 7 columns of 32×32 tiles at 4×, 4-pixel gaps between them; row labels on the left and the colour
        // bar on the right widen it, the column headers make it taller.
        Assert.InRange(grid.Width, (8 * 128) + (7 * 4) + 100, (8 * 128) + (7 * 4) + 400);
        Assert.InRange(grid.Height, (2 * 128) + 4 + 20, (2 * 128) + 4 + 60);
    }

    [Fact]
    public async Task Report_AttentionMethodOnCnn_IsBadInput()
    {
        var run = await CliRun.Of("report", "--target", _target.Path, "--out", Path.Combine(_target.Directory, "bad"), "--methods", "gradcam,rollout");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("rollout", run.Stderr);
    }
}

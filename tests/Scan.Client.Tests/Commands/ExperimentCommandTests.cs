using System.Text.Json;

namespace Scan.Client.Tests.Commands;

public sealed class ExperimentCommandTests : IClassFixture<UntrainedTarget>
{
    private readonly UntrainedTarget _target;

    public ExperimentCommandTests(UntrainedTarget target) => _target = target;

    [Fact]
    public void SameCell_AnOptionAddedSinceTheCellWasMade_StillMatchesButAChangedValueDoesNot()
    {
        const string recorded = """{"settings":{"Alpha":4},"evaluation":{"Limit":1000,"Layer":null}}""";

        Assert.True(Scan.Client.Commands.ExperimentStep.SameCell(recorded, """{"settings":{"Alpha":4},"evaluation":{"Limit":1000,"Layer":null,"Progress":null}}"""));
        Assert.False(Scan.Client.Commands.ExperimentStep.SameCell(recorded, """{"settings":{"Alpha":4},"evaluation":{"Limit":1000,"Layer":null,"Progress":"p.json"}}"""));
        Assert.False(Scan.Client.Commands.ExperimentStep.SameCell(recorded, """{"settings":{"Alpha":2},"evaluation":{"Limit":1000,"Layer":null}}"""));
        Assert.False(Scan.Client.Commands.ExperimentStep.SameCell("half a fi", recorded));
    }

    [Fact]
    public async Task Sanity_SmallRun_ScoresEveryCascadeStateAndResumes()
    {
        var output = Path.Combine(_target.Directory, "sanity");
        string[] args = ["sanity", "--target", _target.Path, "--out", output, "--limit", "20", "--decoder-limit", "64", "--label-epochs", "0",
            "--methods", "scan,gradcam", "--format", "json"];

        var first = await CliRun.Of(args);
        var second = await CliRun.Of(args);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        using var json = JsonDocument.Parse(first.Stdout);
        var states = json.RootElement.EnumerateArray().Select(s => s.GetProperty("state").GetString()!).ToArray();
        // The untrained CNN has layers stem, stage1, stage2, stage3 and a head: the original and five cascade states.
        Assert.Equal(["original", "random to head", "random to stage3", "random to stage2", "random to stage1", "random to stem"], states);
        Assert.All(json.RootElement.EnumerateArray(), s => Assert.Equal(20, s.GetProperty("report").GetProperty("methods").GetProperty("gradcam").GetProperty("n").GetInt32()));
        Assert.True(File.Exists(Path.Combine(output, "cascade-5-stem", "target", "weights.safetensors")));
        Assert.True(File.Exists(Path.Combine(output, "sanity.json")));
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal(6, second.Stderr.Split("Reusing").Length - 1);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public async Task Ablate_SmallRun_TablesEveryGroupAndTrainsTheDefaultOnce()
    {
        var output = Path.Combine(_target.Directory, "ablate");
        var run = await CliRun.Of("ablate", "--target", _target.Path, "--out", output, "--layers", "stage3", "--limit", "10",
            "--decoder-limit", "32", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["alpha", "percentile", "layer", "components"], rows.Select(r => r.GetProperty("group").GetString()!).Distinct());
        Assert.Equal(5 + 4 + 1 + 6, rows.Length);
        Assert.Equal(3, rows.Count(r => r.GetProperty("directory").GetString() == "default"));
        Assert.All(rows, r => Assert.Equal(10, r.GetProperty("scan").GetProperty("n").GetInt32()));
        Assert.Equal(14, Directory.GetDirectories(output).Length);
    }

    [Fact]
    public async Task Sanity_NegativeLabelEpochs_IsBadInput()
    {
        var run = await CliRun.Of("sanity", "--target", _target.Path, "--out", Path.Combine(_target.Directory, "bad"), "--label-epochs", "-1");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--label-epochs", run.Stderr);
    }

    [Fact]
    public async Task Sanity_RerunWithOtherOptions_IsRefusedNotReused()
    {
        var output = Path.Combine(_target.Directory, "sanity-options");
        string[] common = ["sanity", "--target", _target.Path, "--out", output, "--decoder-limit", "32", "--label-epochs", "0", "--methods", "gradcam"];

        var first = await CliRun.Of([.. common, "--limit", "10"]);
        var other = await CliRun.Of([.. common, "--limit", "12"]);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(ExitCodes.BadInput, other.ExitCode);
        Assert.Contains("other settings or options", other.Stderr);
    }
}

using System.Text.Json;

namespace Scan.Client.Tests.Commands;

public sealed class TrainCommandTests : IClassFixture<UntrainedTarget>
{
    private readonly UntrainedTarget _target;

    public TrainCommandTests(UntrainedTarget target) => _target = target;

    private static string Missing => Path.Combine(Path.GetTempPath(), $"scan-missing-{Guid.NewGuid():N}");

    [Fact]
    public async Task Train_TransformerOptions_AreStoredInDecoderJson()
    {
        var decoder = Path.Combine(_target.Directory, "decoder-transformer-options");

        var run = await CliRun.Of("train", "--target", _target.Path, "--out", decoder, "--epochs", "1", "--limit", "32", "--batch-size", "32",
            "--transformer-dim", "48", "--transformer-heads", "3", "--transformer-blocks", "1", "--transformer-widths", "24, 12");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(decoder, "decoder.json")));
        var settings = json.RootElement.GetProperty("settings");
        Assert.Equal(48, settings.GetProperty("transformer_decoder_dim").GetInt32());
        Assert.Equal(3, settings.GetProperty("transformer_decoder_heads").GetInt32());
        Assert.Equal(1, settings.GetProperty("transformer_decoder_blocks").GetInt32());
        Assert.Equal([24, 12], settings.GetProperty("transformer_decoder_widths").EnumerateArray().Select(w => w.GetInt32()));
    }

    [Theory]
    [InlineData("--transformer-dim 30 --transformer-heads 4", "--transformer-dim 30 must be a multiple of --transformer-heads 4")]
    [InlineData("--transformer-dim 0", "--transformer-dim 0: give a whole number ≥ 1")]
    [InlineData("--transformer-heads -2", "--transformer-heads -2: give a whole number ≥ 1")]
    [InlineData("--transformer-blocks 0", "--transformer-blocks 0: give a whole number ≥ 1")]
    [InlineData("--transformer-widths 16,x", "--transformer-widths '16,x': give positive whole numbers separated by commas")]
    [InlineData("--transformer-widths 16,0", "--transformer-widths '16,0'")]
    [InlineData("--residual-widths 0", "--residual-widths '0'")]
    public async Task Train_BadDecoderShape_ExitsBadInputNamingTheOption(string options, string message)
    {
        var run = await CliRun.Of(["train", "--target", Missing, "--out", Missing, .. options.Split(' ')]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Train_OutThatIsAFile_IsRefusedBeforeTraining()
    {
        var file = Path.Combine(_target.Directory, "out-is-a-file");
        File.WriteAllText(file, "not a directory");

        var run = await CliRun.Of("train", "--target", _target.Path, "--out", file, "--epochs", "1", "--limit", "32", "--batch-size", "32");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"--out {file}: is a file", run.Stderr);
        Assert.DoesNotContain("attempt", run.Stderr + run.Stdout);
        Assert.Equal("not a directory", File.ReadAllText(file));
    }

    [Fact]
    public async Task Train_OutThatARunningJobHolds_IsRefusedAndFreedWhenItEnds()
    {
        var decoder = Path.Combine(_target.Directory, "decoder-shared-out");
        string[] train = ["train", "--target", _target.Path, "--out", decoder, "--epochs", "1", "--limit", "32", "--batch-size", "32", "--validation", "0"];

        CliRun refused;
        using (Scan.Grains.Artifacts.OutputLock.Acquire(decoder, "a-running-job"))
        {
            refused = await CliRun.Of(train);
        }
        var after = await CliRun.Of(train);

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains($"--out {decoder}: another job is writing to it", refused.Stderr);
        Assert.Equal(ExitCodes.Success, after.ExitCode);
        Assert.True(File.Exists(Path.Combine(decoder, "decoder.json")));
    }
}

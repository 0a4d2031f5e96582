using System.Text.Json;

namespace Scan.Client.Tests.Commands;

public sealed class EvaluateCommandTests : IClassFixture<UntrainedTarget>
{
    private readonly UntrainedTarget _target;

    public EvaluateCommandTests(UntrainedTarget target) => _target = target;

    [Fact]
    public async Task Evaluate_RandomMapsWithoutComparator_ReportsTheSpreadAndLeavesPairwiseWinOut()
    {
        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--methods", "random", "--random-maps", "3", "--limit", "6", "--batch-size", "4", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("pairwise Win% is left out: gradcam", run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.TryGetProperty("win_against", out _));
        var random = json.RootElement.GetProperty("methods").GetProperty("random");
        Assert.Equal(3, random.GetProperty("random_maps").GetInt32());
        Assert.True(random.GetProperty("auc_d_std").GetDouble() >= 0);
        // The only method has the lowest drop on every image.
        Assert.Equal(100.0, random.GetProperty("win_lowest_drop").GetDouble(), 9);
        Assert.InRange(random.GetProperty("drop").GetDouble(), 0, 100);
        Assert.True(random.GetProperty("ms_per_image").GetDouble() > 0);
    }

    [Fact]
    public async Task Evaluate_TextFormat_ShowsTheNewColumnsOnStdout()
    {
        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--methods", "gradcam,random", "--win-against", "random", "--limit", "4");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var column in new[] { "Drop%", "Incr%", "Win% vs random", "Win% lowest", "ms/image", "images/s" })
        {
            Assert.Contains(column, run.Stdout);
        }
        Assert.DoesNotContain("Drop%", run.Stderr);
        Assert.DoesNotContain("AUC-D over", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task Evaluate_RandomMapsZero_ExitsBadInput()
    {
        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--methods", "random", "--random-maps", "0", "--limit", "2");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--random-maps 0", run.Stderr);
    }

    [Fact]
    public async Task Evaluate_ImageFolderWhoseClassesAreNotTheTargets_ExitsBadInputNamingTheFolders()
    {
        var data = Path.Combine(_target.Directory, "three-classes");
        foreach (var name in new[] { "a", "b", "c" })
        {
            var folder = Directory.CreateDirectory(Path.Combine(data, "test", name)).FullName;
            using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.L8>(32, 32);
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, Path.Combine(folder, "0.png"));
        }

        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--data", data, "--methods", "gradcam", "--limit", "3");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("class folders 'a', 'b', 'c' are not among the target's 10 classes", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Evaluate_IdxFilesWithoutImages_ExitsBadInputNamingTheData()
    {
        var data = Path.Combine(_target.Directory, "empty-idx");
        Directory.CreateDirectory(data);
        WriteGzip(Path.Combine(data, "t10k-images-idx3-ubyte.gz"), [0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]);
        WriteGzip(Path.Combine(data, "t10k-labels-idx1-ubyte.gz"), [0, 0, 8, 1, 0, 0, 0, 0]);

        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--data", data, "--methods", "gradcam");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"--data {data}: its test IDX files hold no images", run.Stderr);
        Assert.DoesNotContain("Parameter", run.Stderr);
    }

    private static void WriteGzip(string path, byte[] content)
    {
        using var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest);
        gzip.Write(content);
    }
}

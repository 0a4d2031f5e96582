using Scan.Core.Native;
using TorchSharp;
using TorchSharp.PyBridge;

namespace Scan.Client.Tests.Commands;

/// <summary>
/// `scan import` end to end on a torchvision ResNet-18 state_dict saved in PyTorch's format: the target it writes
/// lists torchvision's modules in `scan layers` and explains a real photograph; weights of another architecture are
/// refused with exit code 2, naming the tensor, and nothing is written.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private const string Photo = "/usr/lib/python3/dist-packages/skimage/data/chelsea.png";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"scan-import-{Guid.NewGuid():N}");

    public ImportCommandTests()
    {
        TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);
        Directory.CreateDirectory(_directory);
        torch.manual_seed(0);
        using var model = torchvision.models.resnet18(num_classes: 3);
        model.save_py(Weights);
        File.WriteAllLines(Path.Combine(_directory, "classes.txt"), ["cat", "dog", "car"]);
    }

    private string Weights => Path.Combine(_directory, "resnet18.pt");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Import_ThenLayersAndExplain_WorkOnTheImportedTarget()
    {
        var target = Path.Combine(_directory, "target");
        var figure = Path.Combine(_directory, "explain.png");

        var import = await CliRun.Of("import", "--arch", "resnet18", "--weights", Weights, "--classes", Path.Combine(_directory, "classes.txt"), "--out", target);
        var layers = await CliRun.Of("layers", "--target", target, "--format", "json");
        var explain = await CliRun.Of("explain", "--target", target, "--method", "gradcam", "--image", Photo, "--out", figure);

        Assert.Equal(ExitCodes.Success, import.ExitCode);
        Assert.Contains("resnet18 with 3 classes", import.Stderr + import.Stdout);
        Assert.Equal(ExitCodes.Success, layers.ExitCode);
        var explainable = CliRun.ExplainableLayers(layers.Stdout);
        Assert.Contains("layer4", explainable);
        Assert.Contains("layer3.1.conv2", explainable);
        Assert.DoesNotContain("fc", explainable);
        Assert.Equal(ExitCodes.Success, explain.ExitCode);
        Assert.True(new FileInfo(figure).Length > 1000, explain.Stderr);
    }

    [Fact]
    public async Task Import_WeightsOfAnotherArchitecture_ExitsBadInputAndWritesNothing()
    {
        var target = Path.Combine(_directory, "wrong");

        var run = await CliRun.Of("import", "--arch", "resnet34", "--weights", Weights, "--out", target);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("'layer1.2.conv1.weight' [64, 64, 3, 3] is missing", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task Sanity_OnAnImportedResNet_RandomisesFromFcDownAndRefitsTheHeadOnShuffledLabels()
    {
        var data = Path.Combine(_directory, "natural");
        var made = await CliRun.Of("make-dataset", "--out", data, "--limit", "30");
        Assert.True(made.ExitCode == ExitCodes.Success, made.Stderr);
        using (var model = torchvision.models.resnet18(num_classes: Scan.Core.Data.Natural.NaturalBackgroundSet.ClassFolders.Count))
        {
            model.save_py(Path.Combine(_directory, "resnet18-10.pt"));
        }
        File.WriteAllLines(Path.Combine(_directory, "natural-classes.txt"), Scan.Core.Data.Natural.NaturalBackgroundSet.ClassFolders);
        var target = Path.Combine(_directory, "natural-target");
        var import = await CliRun.Of("import", "--arch", "resnet18", "--weights", Path.Combine(_directory, "resnet18-10.pt"),
            "--classes", Path.Combine(_directory, "natural-classes.txt"), "--image-size", "64", "--out", target);
        Assert.True(import.ExitCode == ExitCodes.Success, import.Stderr);

        var sanity = await CliRun.Of("sanity", "--target", target, "--data", data, "--out", Path.Combine(_directory, "sanity"), "--methods", "gradcam,random",
            "--limit", "10", "--decoder-limit", "30", "--label-epochs", "1", "--format", "json");

        Assert.True(sanity.ExitCode == ExitCodes.Success, sanity.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(sanity.Stdout);
        Assert.Equal(["original", "random to fc", "random to layer4", "random to layer3", "random to layer2", "random to layer1", "random to bn1", "random to conv1", "shuffled labels (head)"],
            json.RootElement.EnumerateArray().Select(state => state.GetProperty("state").GetString()));
        var shuffled = File.ReadAllText(Path.Combine(_directory, "sanity", "shuffled-labels-head", "target", "target.json"));
        Assert.Contains("refitted from zero", shuffled, StringComparison.Ordinal);
    }
}

using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Native;

namespace Scan.Core.Tests.Models;

public sealed class TargetArchitecturesTests
{
    private static readonly string[] FashionClasses = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"];

    public TargetArchitecturesTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Describe_Cnn_ListsStagesAndExplainsTheLast()
    {
        var description = TargetArchitectures.Describe("cnn", new ImageShape(1, 32, 32), Normalization.FashionMnist, FashionClasses, "fashion-mnist", "pad 28→32");

        Assert.Equal(["stem", "stage1", "stage2", "stage3"], description.Layers);
        Assert.Equal("stage3", description.DefaultLayer);
        Assert.Equal(TargetArchitectures.DefaultHyperparameters("cnn"), description.Hyperparameters);
        Assert.Null(description.TestAccuracy);
        Assert.Equal("fashion-mnist", description.DataSet);
    }

    [Fact]
    public void Describe_VitOfDepth6_ListsEmbedAndBlocksAndExplainsBlock3()
    {
        var description = TargetArchitectures.Describe("vit", new ImageShape(1, 32, 32), Normalization.FashionMnist, FashionClasses, "fashion-mnist", "pad 28→32");

        Assert.Equal(6, description.Hyperparameter("depth"));
        Assert.Equal(["embed", "block1", "block2", "block3", "block4", "block5", "block6"], description.Layers);
        Assert.Equal("block3", description.DefaultLayer);
    }

    [Theory]
    [InlineData("cnn", typeof(ResNetClassifier))]
    [InlineData("vit", typeof(VisionTransformerClassifier))]
    public void Create_KnownArchitecture_BuildsItsModuleWithTheDescribedLayers(string architecture, Type expected)
    {
        var description = TinyTargets.ByName(architecture);

        using var module = TargetArchitectures.Create(description);

        Assert.IsType(expected, module);
        Assert.Equal(description.Layers, ((ILayeredClassifier)module).LayerNames);
        Assert.Equal(description.DefaultLayer, ((ILayeredClassifier)module).DefaultLayer);
    }

    [Fact]
    public void Create_DefaultLayerFromDescription_IsTheModulesDefault()
    {
        using var module = TargetArchitectures.Create(TinyTargets.Vit() with { DefaultLayer = "embed" });

        Assert.Equal("embed", ((ILayeredClassifier)module).DefaultLayer);
    }

    [Fact]
    public void Create_UnknownArchitecture_ThrowsScanInputExceptionNamingIt()
    {
        var error = Assert.Throws<ScanInputException>(() => TargetArchitectures.Create(TinyTargets.Cnn() with { Architecture = "mlp" }));

        Assert.Contains("'mlp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cnn, vit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LayersNotMatchingTheSizes_ThrowsScanInputException()
    {
        var description = TinyTargets.Vit(depth: 2) with { Layers = ["embed", "block1", "block2", "block3"] };

        var error = Assert.Throws<ScanInputException>(() => TargetArchitectures.Create(description));

        Assert.Contains("block3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingHyperparameter_ThrowsScanInputExceptionNamingIt()
    {
        var description = TinyTargets.Cnn() with { Hyperparameters = new Dictionary<string, int> { ["base_width"] = 4 } };

        var error = Assert.Throws<ScanInputException>(() => TargetArchitectures.Create(description));

        Assert.Contains("blocks_per_stage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_VitPatchNotDividingTheImage_ThrowsScanInputException()
    {
        var description = TinyTargets.Vit() with { InputShape = new ImageShape(1, 18, 18) };

        Assert.Throws<ScanInputException>(() => TargetArchitectures.Create(description));
    }

    [Fact]
    public void Describe_UnknownHyperparameter_ThrowsScanInputExceptionNamingIt()
    {
        var error = Assert.Throws<ScanInputException>(() => TargetArchitectures.Describe(
            "cnn", TinyTargets.Input, Normalization.FashionMnist, FashionClasses, "x", "y", new Dictionary<string, int> { ["depth"] = 3 }));

        Assert.Contains("'depth'", error.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Scan.Core.Models;
using Scan.Core.Models.Imported;
using Scan.Core.Native;
using Scan.Core.Tests.Data;
using Scan.Core.Tests.References;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Models;

/// <summary>
/// torchvision classifiers built in PyTorch (Debian's python3-torch and python3-torchvision) with seeded random
/// weights, saved as state_dicts (the ViT also under timm's names), imported with `scan import`'s code and run on real
/// photographs: logits, the layer's features and the gradient of each image's top logit there must agree with
/// PyTorch's within 1e-4 of the largest magnitude.
/// </summary>
public sealed class TorchVisionImportTests
{
    private const string Photos = Scan.Core.Data.Natural.BackgroundPhotos.DebianDirectory;
    private static readonly string[] PhotoNames = ["astronaut.png", "chelsea.png", "coffee.png"];

    public TorchVisionImportTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Theory]
    [InlineData("resnet18", "layer4")]
    [InlineData("resnet18", "layer3.1.conv2")]
    [InlineData("resnet50", "layer3")]
    public void Import_PyTorchStateDict_MatchesPyTorchOnPhotographs(string architecture, string layer)
    {
        using var directory = new TemporaryDirectory();
        var shapes = Reference(architecture, layer, 7, directory.Path);
        var target = directory.File("target");

        ModelImporter.Import(new ImportRequest(architecture, directory.File("weights.pt"), null, 224, target));
        using var model = TargetStore.Load(target, CPU);
        using var scope = NewDisposeScope();
        var images = Read(directory.File("images.f32"), shapes["images"]);
        var result = model.FeaturesAndGradients(images, null, layer);

        AssertClose(Read(directory.File("logits.f32"), shapes["logits"]), model.Logits(images), "logits");
        AssertClose(Read(directory.File("logits.f32"), shapes["logits"]), result.Logits, "logits with the hook");
        AssertClose(Read(directory.File("features.f32"), shapes["features"]), result.Features, $"{layer} features");
        AssertClose(Read(directory.File("gradients.f32"), shapes["gradients"]), result.Gradients, $"{layer} gradients");
        Assert.Equal(7, model.Description.ClassNames.Count);
        Assert.Equal("layer4", model.Description.DefaultLayer);
    }

    [Fact]
    public void Import_WritesSafetensorsThatPyTorchLoadsIntoTorchvisionsModel()
    {
        using var directory = new TemporaryDirectory();
        Reference("resnet18", "layer4", 6, directory.Path, photos: 1);
        var target = directory.File("target");

        ModelImporter.Import(new ImportRequest("resnet18", directory.File("weights.pt"), null, 224, target));
        var check = JsonSerializer.Deserialize<Dictionary<string, double>>(PyTorchReference.Run("safetensors_check.py", JsonSerializer.Serialize(new
        {
            arch = "resnet18", classes = 6, safetensors = Path.Combine(target, TargetDescription.WeightsFileName), state_dict = directory.File("weights.pt"),
        })))!;

        // resnet18's state_dict: 62 parameters, 40 BatchNorm statistics and 20 counters.
        Assert.Equal(122, check["tensors"]);
        Assert.Equal(0, check["largest_difference"]);
    }

    [Fact]
    public void Import_VitB16UnderTorchVisionAndTimmNames_MatchesPyTorchOnPhotographs()
    {
        const string layer = "encoder.layers.encoder_layer_5";
        using var directory = new TemporaryDirectory();
        var shapes = Reference("vit_b_16", layer, 4, directory.Path, timm: true, photos: 2);
        var images = Read(directory.File("images.f32"), shapes["images"]);

        foreach (var weights in new[] { "weights.pt", "weights-timm.pt" })
        {
            var target = directory.File("target-" + weights);
            ModelImporter.Import(new ImportRequest("vit_b_16", directory.File(weights), null, 224, target));
            using var model = TargetStore.Load(target, CPU);
            using var scope = NewDisposeScope();
            var result = model.FeaturesAndGradients(images, null, layer);
            var attention = ((IAttentionClassifier)model.Module).ForwardWithAttention(model.Normalize(images));

            AssertClose(Read(directory.File("logits.f32"), shapes["logits"]), result.Logits, $"{weights}: logits");
            AssertClose(Read(directory.File("logits.f32"), shapes["logits"]), attention.Logits, $"{weights}: logits with attention");
            AssertClose(Read(directory.File("features.f32"), shapes["features"]), result.Features, $"{weights}: {layer} tokens");
            AssertClose(Read(directory.File("gradients.f32"), shapes["gradients"]), result.Gradients, $"{weights}: {layer} gradients");
            Assert.Equal(12, attention.Attention.Count);
            Assert.Equal(new long[] { 2, 12, 197, 197 }, attention.Attention[0].shape);
            Assert.Equal(layer, model.Description.DefaultLayer);
        }
    }

    [Fact]
    public void Import_WeightsOfAnotherArchitecture_NamesTheTensorAndBothShapesAndWritesNothing()
    {
        using var directory = new TemporaryDirectory();
        Reference("resnet18", "layer4", 5, directory.Path);
        var target = directory.File("target");

        var error = Assert.Throws<ScanInputException>(() =>
            ModelImporter.Import(new ImportRequest("resnet50", directory.File("weights.pt"), null, 224, target)));

        // resnet18's first block has 3×3 convolutions of 64 channels where resnet50's has 1×1.
        Assert.Contains("'layer1.0.conv1.weight' is [64, 64, 3, 3] in the file but [64, 64, 1, 1] in a resnet50", error.Message, StringComparison.Ordinal);
        Assert.Contains("'layer1.0.conv3.weight' [256, 64, 1, 1] is missing", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void Import_ClassesFileOfAnotherSize_SaysBothCounts()
    {
        using var directory = new TemporaryDirectory();
        Reference("resnet18", "layer4", 5, directory.Path);
        File.WriteAllLines(directory.File("classes.txt"), ["cat", "dog", "car"]);

        var error = Assert.Throws<ScanInputException>(() =>
            ModelImporter.Import(new ImportRequest("resnet18", directory.File("weights.pt"), directory.File("classes.txt"), 224, directory.File("target"))));

        Assert.Contains("names 3 classes, but the model's head has 5 outputs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weights.pt", "is not a PyTorch state_dict")]
    [InlineData("weights.safetensors", "is not a safetensors file")]
    [InlineData("weights.onnx.bak", "unknown kind")]
    public void Import_TruncatedOrUnknownFile_NamesTheFile(string name, string expected)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File(name);
        File.WriteAllBytes(path, [0x80, 0x02, 0x7d, 0x71, 0x00, 0x28]);

        var error = Assert.Throws<ScanInputException>(() =>
            ModelImporter.Import(new ImportRequest("resnet18", path, null, 224, directory.File("target"))));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.File("target")));
    }

    private static Dictionary<string, long[]> Reference(string architecture, string layer, int classes, string directory, bool timm = false, int photos = 3)
    {
        var request = JsonSerializer.Serialize(new
        {
            arch = architecture, layer, classes, seed = 0, size = 224,
            photos = PhotoNames.Take(photos).Select(name => Path.Combine(Photos, name)).ToArray(), @out = directory, timm,
        });
        return JsonSerializer.Deserialize<Dictionary<string, long[]>>(PyTorchReference.Run("torchvision_reference.py", request))!;
    }

    private static Tensor Read(string path, long[] shape) => tensor(PyTorchReference.ReadFloats(path)).reshape(shape);

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = expected.abs().max().item<float>();
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(scale > 0, $"{what}: the reference is all zeros, which checks nothing.");
        Assert.True(difference <= 1e-4 * scale, $"{what}: largest difference {difference:G4} against largest magnitude {scale:G4} (allowed 1e-4 of it).");
    }
}

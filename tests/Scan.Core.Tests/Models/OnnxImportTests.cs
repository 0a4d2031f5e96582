using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Models.Imported;
using Scan.Core.Native;
using Scan.Core.Tests.Data;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Models;

/// <summary>
/// A real ImageNet-trained network: ML.NET's ResNet-18 featurizer (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18,
/// a CNTK export without its classifier, whose layer4 has 3 basic blocks where torchvision's resnet18 has 2), imported
/// by the graph's structure as mlnet_resnet18 (RGB input: its first convolution's BGR channels reversed), gives the same
/// 512 pooled features as ONNX Runtime running the graph itself, on 20 real photographs.
/// </summary>
public sealed class OnnxImportTests
{
    private const string Photos = Scan.Core.Data.Natural.BackgroundPhotos.DebianDirectory;
    private static readonly string Model = Path.Combine(AppContext.BaseDirectory, "References", "ResNet18.onnx");

    private static readonly string[] PhotoNames =
    [
        "astronaut.png", "brick.png", "camera.png", "cell.png", "chelsea.png", "clock_motion.png", "coffee.png", "coins.png",
        "grass.png", "gravel.png", "hubble_deep_field.jpg", "ihc.png", "microaneurysms.png", "moon.png", "motorcycle_left.png",
        "motorcycle_right.png", "page.png", "retina.jpg", "rocket.jpg", "text.png",
    ];

    public OnnxImportTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Import_ImageNetResNet18Onnx_GivesOnnxRuntimesPooledFeatures()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllLines(directory.File("classes.txt"), ["a", "b"]);
        var result = ModelImporter.Import(new ImportRequest("mlnet_resnet18", Model, directory.File("classes.txt"), 224, directory.File("target")));
        using var target = TargetStore.Load(directory.File("target"), CPU);
        using var session = new InferenceSession(Model);
        var avgpool = LayerCapture.Find(target.Module, "avgpool");
        var shape = new ImageShape(3, 224, 224);

        var worst = 0.0;
        foreach (var name in PhotoNames)
        {
            var pixels = new float[shape.Length];
            target.ReadImage(Path.Combine(Photos, name), pixels);
            using var scope = NewDisposeScope();
            var rgb = tensor(pixels).reshape(1, 3, 224, 224);
            var input = target.Normalize(rgb).contiguous();
            // The graph takes BGR pixels in 0–255 minus its channel means (those of ML.NET's ResNetPreprocess.onnx).
            var means = tensor(new[] { 123.15163f, 115.902885f, 103.06262f }).view(1, 3, 1, 1);
            var bgr = rgb.mul(255).sub(means).flip(1).contiguous().data<float>().ToArray();
            using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("Input247", new DenseTensor<float>(bgr, [1, 3, 224, 224]))]);
            var expected = tensor(outputs.Single().AsEnumerable<float>().ToArray());
            var (_, features) = LayerCapture.Run(target.Module, avgpool, "avgpool", input, withGradients: false);
            using var owned = features;
            var relative = (features.flatten() - expected).abs().max().item<float>() / expected.abs().max().item<float>();
            worst = Math.Max(worst, relative);
            Assert.True(expected.abs().max().item<float>() > 0, $"{name}: ONNX Runtime's features are all zero.");
        }

        Assert.True(result.NewHead);
        var head = target.Module.named_parameters().Where(p => TorchVisionArchitectures.HeadTensors("mlnet_resnet18").Contains(p.name)).ToList();
        Assert.Equal(2, head.Count);
        Assert.All(head, p => Assert.Equal(0, p.parameter.abs().sum().item<float>()));
        Assert.True(worst <= 1e-3, $"largest difference {worst:G3} of the largest feature (allowed 1e-3)");
    }

    [Fact]
    public void Import_OnnxGraphOfAnotherArchitecture_SaysWhatDoesNotFit()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllLines(directory.File("classes.txt"), ["a", "b"]);

        var error = Assert.Throws<ScanInputException>(() =>
            ModelImporter.Import(new ImportRequest("resnet18", Model, directory.File("classes.txt"), 224, directory.File("target"))));

        Assert.Contains("is not a resnet18: it has 1 7×7, 18 3×3 and 3 1×1 convolutions of 22 (a resnet18 has 1, 16 and 3)", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.File("target")));
    }

    [Fact]
    public void Import_OnnxWithoutHeadOrClasses_AsksForClasses()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<ScanInputException>(() =>
            ModelImporter.Import(new ImportRequest("mlnet_resnet18", Model, null, 224, directory.File("target"))));

        Assert.Contains("has no classifier head ('fc.weight'): give --classes FILE", error.Message, StringComparison.Ordinal);
    }
}

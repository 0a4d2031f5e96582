using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Models.Imported;
using Scan.Core.Native;
using Scan.Core.Tests.Data;
using Scan.Core.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

/// <summary>
/// A linear probe on an imported ResNet-18 with random weights: reddish and bluish noise photographs are told apart by
/// a head fitted on the frozen body's pooled features, and only the head's parameters change.
/// </summary>
public sealed class HeadTrainerTests
{
    public HeadTrainerTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Train_SeparableColours_FitsTheHeadAndLeavesTheBodyUnchanged()
    {
        using var directory = new TemporaryDirectory();
        WriteSplit(directory.File("train"), 24, seed: 1);
        WriteSplit(directory.File("test"), 10, seed: 2);
        manual_seed(0);
        var module = TorchVisionArchitectures.Create("resnet18", 2, 32);
        using var target = new TargetModel(TorchVisionArchitectures.Describe("resnet18", module, ["blue", "red"], 32, "test"), module, CPU);
        var before = target.Module.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.clone());

        var result = HeadTrainer.Train(target, "fc", target.OpenData(directory.Path, DataSplit.Train, false), target.OpenData(directory.Path, DataSplit.Test, false),
            new HeadTrainingOptions(Epochs: 60, BatchSize: 16, LearningRate: 1e-2));

        Assert.True(result.TestAccuracy >= 0.95, $"test accuracy {result.TestAccuracy:P1}");
        foreach (var (name, tensor) in target.Module.state_dict())
        {
            var unchanged = tensor.eq(before[name]).all().item<bool>();
            Assert.True(name.StartsWith("fc.", StringComparison.Ordinal) ? !unchanged : unchanged, $"{name} {(unchanged ? "did not change" : "changed")}");
        }
    }

    [Fact]
    public void Train_DataWithOtherClasses_NamesBothLists()
    {
        using var directory = new TemporaryDirectory();
        WriteSplit(directory.File("train"), 2, seed: 1);
        WriteSplit(directory.File("test"), 2, seed: 2);
        var module = TorchVisionArchitectures.Create("resnet18", 2, 32);
        using var target = new TargetModel(TorchVisionArchitectures.Describe("resnet18", module, ["cat", "dog"], 32, "test"), module, CPU);

        var error = Assert.Throws<ScanInputException>(() => HeadTrainer.Train(target, "fc",
            target.OpenData(directory.Path, DataSplit.Train, false), target.OpenData(directory.Path, DataSplit.Test, false), new HeadTrainingOptions()));

        Assert.Contains("class folders 'blue', 'red' are not among the target's 2 classes (cat, dog)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Noise images, 40×48 (the transform resizes and crops them), tinted blue or red.</summary>
    private static void WriteSplit(string root, int perClass, int seed)
    {
        var random = new Random(seed);
        foreach (var (name, red) in new[] { ("blue", false), ("red", true) })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            for (var i = 0; i < perClass; i++)
            {
                using var image = new Image<Rgb24>(40, 48);
                for (var y = 0; y < image.Height; y++)
                {
                    for (var x = 0; x < image.Width; x++)
                    {
                        var (strong, weak) = ((byte)random.Next(120, 256), (byte)random.Next(0, 136));
                        image[x, y] = red ? new Rgb24(strong, (byte)random.Next(0, 256), weak) : new Rgb24(weak, (byte)random.Next(0, 256), strong);
                    }
                }
                image.SaveAsPng(Path.Combine(root, name, $"{i:D3}.png"));
            }
        }
    }
}

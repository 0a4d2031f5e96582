using Scan.Core.Data;
using Scan.Core.Native;
using Scan.Core.Tests.Data;
using Scan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

[Collection(GlobalGeneratorGroup.Name)]
public sealed class TargetTrainerTests
{
    private static readonly StripesDataset Train = new(48, "stripes-train");
    private static readonly StripesDataset Test = new(24, "stripes-test");

    public TargetTrainerTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    private static TargetTrainingOptions Options(int seed) => new()
    {
        Architecture = "cnn",
        Epochs = 2,
        BatchSize = 16,
        LearningRate = 0.01,
        Seed = seed,
        Augment = true,
        ProgressEveryBatches = 2,
        Normalization = new Normalization([0.2f], [0.4f]),
        Hyperparameters = new Dictionary<string, int> { ["base_width"] = 4 },
        Preprocessing = "synthetic",
    };

    [Fact]
    public void Train_TinyCnn_FillsTheDescriptionAndReportsEveryTwoBatches()
    {
        var reports = new List<TargetTrainingProgress>();

        var result = TargetTrainer.Train(Train, Test, Options(seed: 1), reports.Add);
        using var module = result.Module;

        // The recorded accuracy is the returned module's on the 24 test images, counted here by hand.
        var model = new Scan.Core.Models.TargetModel(result.Description, module, CPU);
        var image = new float[Test.Shape.Length];
        var correct = Enumerable.Range(0, Test.Count).Count(i =>
        {
            var label = Test.Read(i, image);
            using var logits = model.Logits(tensor(image).reshape(1, Test.Shape.Channels, Test.Shape.Height, Test.Shape.Width));
            return logits.argmax(1).item<long>() == label;
        });
        Assert.Equal(correct / 24.0, result.Description.TestAccuracy!.Value, 9);
        Assert.Equal("stripes-train", result.Description.DataSet);
        Assert.Equal("synthetic", result.Description.Preprocessing);
        Assert.Equal(4, result.Description.Hyperparameter("base_width"));
        Assert.Equal(["row", "column", "diagonal"], result.Description.ClassNames);
        Assert.False(module.training);
        // 48 / 16 = 3 batches per epoch: reports after batch 2 and 3 of each epoch, then the final evaluation.
        Assert.Equal([(1, 2), (1, 3), (2, 2), (2, 3), (2, 3)], reports.Select(r => (r.Epoch, r.Batch)));
        Assert.Equal(result.Description.TestAccuracy, reports[^1].TestAccuracy);
        Assert.All(reports.SkipLast(1), r => Assert.True(r.Loss > 0 && r.ImagesPerSecond > 0));
    }

    [Fact]
    public void Train_SameSeed_GivesIdenticalWeights_OtherSeedDifferent()
    {
        var first = TargetTrainer.Train(Train, Test, Options(seed: 7), null);
        var second = TargetTrainer.Train(Train, Test, Options(seed: 7), null);
        var other = TargetTrainer.Train(Train, Test, Options(seed: 8), null);

        using var scope = NewDisposeScope();
        var weights = Flatten(first.Module);
        Assert.True(weights.allclose(Flatten(second.Module), rtol: 0, atol: 0));
        Assert.False(weights.allclose(Flatten(other.Module), rtol: 0, atol: 0));
        Assert.Equal(first.Description.TestAccuracy, second.Description.TestAccuracy);
        foreach (var result in new[] { first, second, other })
        {
            result.Module.Dispose();
        }
    }

    [Fact]
    public void Train_ZeroEpochs_ThrowsScanInputExceptionNamingTheOption()
    {
        var error = Assert.Throws<ScanInputException>(() => TargetTrainer.Train(Train, Test, Options(1) with { Epochs = 0 }, null));

        Assert.Contains("epochs 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_TestSetOfOtherShape_ThrowsScanInputException()
    {
        var error = Assert.Throws<ScanInputException>(() => TargetTrainer.Train(Train, new CountingDataset(4), Options(1), null));

        Assert.Contains("does not match the training set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_UnknownArchitecture_ThrowsScanInputExceptionNamingIt()
    {
        var error = Assert.Throws<ScanInputException>(() => TargetTrainingOptions.For("mlp"));

        Assert.Contains("'mlp'", error.Message, StringComparison.Ordinal);
    }

    private static Tensor Flatten(nn.Module module) => cat([.. module.parameters().Select(p => p.detach().flatten())]);
}

using Scan.Core.Data;
using Scan.Core.Tests.TestModels;
using Scan.Core.Training;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

// One collection with the other tests that train decoders from a seed: libtorch's global generator is shared by the process.
[Collection(GlobalGeneratorGroup.Name)]
public class DecoderTrainingTests
{
    private static readonly FashionMnistDataset Train = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Train);

    private static string TempDirectory() => Directory.CreateTempSubdirectory("scan-train-").FullName;

    private static DecoderTrainingOptions SmallRun(int epochs) => new() { Epochs = epochs, BatchSize = 32, Limit = 192, Seed = 3, LearningRate = 2e-3 };

    private static float[] Parameters(DecoderTrainer trainer) =>
        trainer.Decoder.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    [Fact]
    public void Run_ShortTraining_LossFallsAndAreaMovesTowardTheTarget()
    {
        using var target = TinyConvClassifier.Target();
        var settings = new ScanSettings();
        using var trainer = DecoderTrainer.Create(target, "conv2", settings, SmallRun(epochs: 4) with { Limit = 512 });
        var steps = new List<DecoderTrainingProgress>();

        DecoderTraining.Run(trainer, target, Train, TempDirectory(), new TrainingPosition(0, 0, 0, []), steps.Add, CancellationToken.None);

        var first = steps.Take(4).ToList();
        var last = steps.TakeLast(4).ToList();
        Assert.True(last.Average(s => s.Loss) < 0.8 * first.Average(s => s.Loss), $"loss {first.Average(s => s.Loss)} → {last.Average(s => s.Loss)}");
        var startGap = Math.Abs(first.Average(s => s.MeanArea) - settings.TargetArea);
        var endGap = Math.Abs(last.Average(s => s.MeanArea) - settings.TargetArea);
        Assert.True(endGap < startGap, $"area gap to {settings.TargetArea}: {startGap} → {endGap}");
    }

    [Fact]
    public void Resume_FromEpochAndMidEpochCheckpoints_EndsWithTheUninterruptedWeights()
    {
        using var target = TinyConvClassifier.Target();
        var options = SmallRun(epochs: 2) with { CheckpointEverySteps = 4 };
        float[] uninterrupted;
        using (var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), options))
        {
            DecoderTraining.Run(trainer, target, Train, TempDirectory(), new TrainingPosition(0, 0, 0, []), null, CancellationToken.None);
            uninterrupted = Parameters(trainer);
        }

        var directory = TempDirectory();
        using (var cancellation = new CancellationTokenSource())
        using (var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), options))
        {
            // 6 steps per epoch, checkpoints every 4 global steps and at epoch ends: stopping after epoch 2's third step
            // leaves the checkpoint of global step 8 (epoch index 1, two steps into it).
            Assert.Throws<OperationCanceledException>(() => DecoderTraining.Run(trainer, target, Train, directory, new TrainingPosition(0, 0, 0, []),
                p => { if (p.Epoch == 2 && p.Step == 3) { cancellation.Cancel(); } }, cancellation.Token));
        }
        var checkpoint = Path.Combine(directory, DecoderDescription.CheckpointFileName);
        var header = TrainingCheckpoint.ReadHeader(checkpoint);
        var (resumed, position) = DecoderTrainer.Resume(target, checkpoint);
        using (resumed)
        {
            Assert.Equal(new[] { 1, 2, 8 }, new[] { position.Epoch, position.StepInEpoch, (int)position.GlobalStep });
            Assert.Equal(new[] { 1, 2, 8 }, new[] { header.Position.Epoch, header.Position.StepInEpoch, (int)header.Position.GlobalStep });
            Assert.Equal(position.History, header.Position.History);
            Assert.Equal(options, header.Description.Training);
            DecoderTraining.Run(resumed, target, Train, directory, position, null, CancellationToken.None);

            Assert.Equal(uninterrupted, Parameters(resumed));
        }
    }

    [Fact]
    public void Run_WithValidation_ScoresEveryEpochAndKeepsTheBestEpochsDecoder()
    {
        using var target = TinyConvClassifier.Target();
        var options = SmallRun(epochs: 3) with { ValidationImages = 100 };
        var directory = TempDirectory();
        IReadOnlyList<EpochSummary> history;
        using (var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), options))
        {
            history = DecoderTraining.Run(trainer, target, Train, directory, new TrainingPosition(0, 0, 0, []), null, CancellationToken.None);
        }

        Assert.All(history, h => Assert.NotNull(h.ValidationAucD));
        Assert.All(history, h => Assert.NotNull(h.RandomAucD));
        Assert.False(File.Exists(Path.Combine(directory, DecoderDescription.BestWeightsFileName)));
        // decoder.bin holds the best epoch's weights: scored again on the same held-out images, it gives that epoch's AUC-D.
        var (description, decoder) = DecoderStore.Load(directory, target);
        using (decoder)
        using (var reloaded = DecoderTrainer.Create(target, "conv2", new ScanSettings(), options))
        {
            reloaded.Decoder.load_state_dict(decoder.state_dict());
            var rescored = DecoderValidation.Score(reloaded, target, Train)!;
            Assert.Equal(history.Max(h => h.ValidationAucD!.Value), rescored.ScanAucD, 9);
        }
        Assert.Equal(history, description.History);
    }

    [Theory]
    [InlineData(60000, 500, null, 59500, 59500)]
    [InlineData(60000, 500, 20000, 59500, 20000)]
    [InlineData(60000, 0, null, 60000, 60000)]
    [InlineData(400, 500, null, 400, 400)]
    public void ValidationRange_HeldOutFromTheEnd_NeverTrainedOn(int available, int validation, int? limit, int first, int training)
    {
        var options = new DecoderTrainingOptions { ValidationImages = validation, Limit = limit };

        Assert.Equal(first, options.ValidationRange(available).First);
        Assert.Equal(available - first, options.ValidationRange(available).Count);
        Assert.Equal(training, options.TrainingSamples(available));
    }

    [Fact]
    public void LearningRateAt_CosineSchedule_MatchesHandValues()
    {
        var options = new DecoderTrainingOptions { LearningRate = 1e-3, MinLearningRate = 1e-6 };

        // 1e-6 + 0.5·(1e-3 − 1e-6)·(1 + cos(π·t/T)): t = 0 → 1e-3; t = T/2 → 5.005e-4; t = T → 1e-6.
        Assert.Equal(1e-3, options.LearningRateAt(0, 100), 12);
        Assert.Equal(5.005e-4, options.LearningRateAt(50, 100), 12);
        Assert.Equal(1e-6, options.LearningRateAt(100, 100), 12);
    }
}

using Scan.Core.Models;
using Scan.Core.Tests.Models;
using Scan.Core.Tests.TestModels;
using Scan.Core.Training;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

/// <summary>Weights, targets and checkpoints with bytes flipped on disk are refused when they load, naming the file.</summary>
public sealed class CorruptedFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scan-corrupted-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Flips <paramref name="count"/> bytes of the file's second half (tensor data, past any header).</summary>
    private static void FlipBytes(string path, int count)
    {
        var bytes = File.ReadAllBytes(path);
        var random = new Random(3);
        for (var i = 0; i < count; i++)
        {
            bytes[random.Next(bytes.Length / 2, bytes.Length)] ^= 0x5A;
        }
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void DecoderLoad_FlippedWeightBytes_IsRefusedNamingTheFile()
    {
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions());
        trainer.SaveDecoder(_directory, []);
        var weights = Path.Combine(_directory, DecoderDescription.WeightsFileName);
        DecoderStore.Load(_directory, target).Decoder.Dispose();

        FlipBytes(weights, 400);
        var error = Assert.Throws<ScanInputException>(() => DecoderStore.Load(_directory, target));

        Assert.Contains($"{weights} is corrupt", error.Message);
        Assert.Contains(DecoderDescription.FileName, error.Message);
    }

    [Fact]
    public void TargetLoad_FlippedWeightBytes_IsRefusedNamingTheFile()
    {
        var description = TinyTargets.ByName("cnn");
        using var target = new TargetModel(description, TargetArchitectures.Create(description), CPU);
        TargetStore.Save(target, _directory);
        var weights = Path.Combine(_directory, TargetDescription.WeightsFileName);
        TargetStore.Load(_directory, CPU).Dispose();

        FlipBytes(weights, 400);
        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains($"{weights} is corrupt", error.Message);
    }

    [Fact]
    public void CheckpointResume_FlippedBytes_IsRefusedNamingTheFile()
    {
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions());
        var checkpoint = Path.Combine(_directory, DecoderDescription.CheckpointFileName);
        trainer.SaveCheckpoint(checkpoint, new TrainingPosition(0, 3, 3, []));
        DecoderTrainer.Resume(target, checkpoint).Trainer.Dispose();

        FlipBytes(checkpoint, 400);
        var error = Assert.Throws<ScanInputException>(() => DecoderTrainer.Resume(target, checkpoint));
        var headerError = Assert.Throws<ScanInputException>(() => TrainingCheckpoint.ReadHeader(checkpoint));

        Assert.Contains($"{checkpoint} is corrupt", error.Message);
        Assert.Contains($"{checkpoint} is corrupt", headerError.Message);
    }

    [Fact]
    public void CheckpointResume_Truncated_IsRefusedNamingTheFile()
    {
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions());
        var checkpoint = Path.Combine(_directory, DecoderDescription.CheckpointFileName);
        trainer.SaveCheckpoint(checkpoint, new TrainingPosition(0, 3, 3, []));

        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..^100]);
        var error = Assert.Throws<ScanInputException>(() => DecoderTrainer.Resume(target, checkpoint));

        Assert.Contains(checkpoint, error.Message);
    }
}

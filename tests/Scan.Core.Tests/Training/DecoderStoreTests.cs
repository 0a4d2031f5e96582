using System.Text;
using System.Text.Json;
using Scan.Core.Tests.References;
using Scan.Core.Tests.TestModels;
using Scan.Core.Training;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

/// <summary>Decoders on disk: safetensors that PyTorch reads tensor for tensor, and first-round decoder.bin files still load.</summary>
public sealed class DecoderStoreTests
{
    [Fact]
    public void Save_WritesSafetensorsThatPyTorchReadsWithTheDecodersNamesAndShapes()
    {
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions());
        var directory = Directory.CreateTempSubdirectory("scan-decoder-store-").FullName;
        trainer.SaveDecoder(directory, []);

        var read = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, long[]>>>(PyTorchReference.Run("safetensors_check.py",
            JsonSerializer.Serialize(new { safetensors = Path.Combine(directory, DecoderDescription.WeightsFileName) })))!["shapes"];

        var expected = trainer.Decoder.state_dict();
        Assert.Equal(expected.Keys.Order(), read.Keys.Order());
        Assert.All(expected, entry => Assert.Equal(entry.Value.shape, read[entry.Key]));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Load_FirstRoundDecoderBin_GivesTheSameWeights()
    {
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions());
        var directory = Directory.CreateTempSubdirectory("scan-decoder-store-").FullName;
        trainer.SaveDecoder(directory, []);
        File.Delete(Path.Combine(directory, DecoderDescription.WeightsFileName));
        using (var writer = new BinaryWriter(File.Create(Path.Combine(directory, DecoderDescription.LegacyWeightsFileName)), Encoding.UTF8))
        {
            trainer.Decoder.save(writer);
        }

        var (_, decoder) = DecoderStore.Load(directory, target);

        using (decoder)
        {
            var loaded = decoder.state_dict();
            Assert.All(trainer.Decoder.state_dict(), entry => Assert.True(entry.Value.eq(loaded[entry.Key]).all().item<bool>(), entry.Key));
        }
        Directory.Delete(directory, recursive: true);
    }
}

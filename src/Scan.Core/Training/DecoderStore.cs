using System.Text;
using Scan.Core.Decoders;
using Scan.Core.Models;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// A trained decoder on disk: <c>decoder.json</c> (its description, written last) and <c>decoder.safetensors</c> (its
/// parameters, which PyTorch reads); a first-round <c>decoder.bin</c> (TorchSharp's format) still loads.
/// </summary>
public static class DecoderStore
{
    public static void Save(string directory, DecoderDescription description, nn.Module decoder)
    {
        var weights = Path.Combine(directory, DecoderDescription.WeightsFileName);
        WriteWeights(weights, decoder);
        description = description with { WeightsSha256 = FileChecksum.Of(weights) };
        AtomicFile.WriteAllText(Path.Combine(directory, DecoderDescription.FileName), description.ToJson());
    }

    /// <summary>Whether <paramref name="directory"/> holds a finished decoder (its description, written after its weights).</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, DecoderDescription.FileName));

    /// <summary>Writes <paramref name="decoder"/>'s parameters to <paramref name="path"/> atomically, as safetensors.</summary>
    public static void WriteWeights(string path, nn.Module decoder) => AtomicFile.Write(path, stream => decoder.save_safetensors(stream, leaveOpen: true));

    /// <summary>Reads parameters written by <see cref="WriteWeights"/> (or, from a .bin file, by the first round) into <paramref name="decoder"/>.</summary>
    public static void ReadWeights(string path, nn.Module decoder) => ReadWeights(path, ArtifactFile.ReadAllBytes(path), decoder);

    private static void ReadWeights(string path, byte[] content, nn.Module decoder)
    {
        using var stream = new MemoryStream(content, writable: false);
        if (path.EndsWith(".bin", StringComparison.Ordinal))
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            decoder.load(reader);
            return;
        }
        decoder.load_safetensors(stream, strict: true);
    }

    /// <summary>The weights file of decoder directory <paramref name="directory"/>: decoder.safetensors, or a first-round decoder.bin.</summary>
    public static string WeightsPath(string directory) =>
        Path.Combine(directory, File.Exists(Path.Combine(directory, DecoderDescription.WeightsFileName)) || !File.Exists(Path.Combine(directory, DecoderDescription.LegacyWeightsFileName))
            ? DecoderDescription.WeightsFileName
            : DecoderDescription.LegacyWeightsFileName);

    /// <summary>Reads a decoder for <paramref name="target"/>, in eval mode on the target's device.</summary>
    public static (DecoderDescription Description, nn.Module<Tensor, Tensor> Decoder) Load(string directory, TargetModel target)
    {
        if (!Directory.Exists(directory))
        {
            throw new ScanInputException($"Decoder directory {directory} does not exist.");
        }
        var json = Path.Combine(directory, DecoderDescription.FileName);
        var weights = WeightsPath(directory);
        if (!File.Exists(json) || !File.Exists(weights))
        {
            throw new ScanInputException($"{directory} is not a trained decoder: it needs {DecoderDescription.FileName} and {DecoderDescription.WeightsFileName} (made by `scan train`).");
        }
        var description = DecoderDescription.FromJson(ArtifactFile.ReadAllText(json), json);
        description.CheckMatches(target, json);
        var content = ArtifactFile.ReadAllBytes(weights);
        if (weights.EndsWith(DecoderDescription.WeightsFileName, StringComparison.Ordinal))
        {
            FileChecksum.Verify(content, weights, description.WeightsSha256, json);
        }
        var decoder = DecoderFactory.Create(description.Layout, description.InputShape, description.Settings);
        try
        {
            ReadWeights(weights, content, decoder);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            decoder.Dispose();
            throw new ScanInputException($"{weights} does not match the decoder that {json} describes: {e.Message}", e);
        }
        decoder.to(target.Device).eval();
        return (description, decoder);
    }
}

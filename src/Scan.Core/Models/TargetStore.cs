using Scan.Core.Models.Imported;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A target model on disk: a directory with <c>target.json</c> (<see cref="TargetDescription"/>) and
/// <c>weights.safetensors</c>, its state_dict under PyTorch's names (first-round targets kept theirs in
/// <c>weights.bin</c>, TorchSharp's format, which still loads).
/// </summary>
public static class TargetStore
{
    public static void Save(TargetModel model, string directory) => Save(model.Module, model.Description, directory);

    /// <summary>Refuses an output directory that already holds something: a new target never overwrites another.</summary>
    public static void RequireNewDirectory(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new ScanInputException($"--out {directory} exists and is not empty; give a new directory.");
        }
    }

    /// <summary>Writes the weights, then the description, each atomically: a directory with a target.json is complete.</summary>
    public static void Save(nn.Module<Tensor, Tensor> module, TargetDescription description, string directory)
    {
        var weights = Path.Combine(directory, TargetDescription.WeightsFileName);
        AtomicFile.Write(weights, stream => module.save_safetensors(stream, leaveOpen: true));
        using (var written = ArtifactDirectory.Open(directory, create: false))
        {
            written.Delete(TargetDescription.LegacyWeightsFileName);
        }
        (description with { WeightsSha256 = FileChecksum.Of(weights) }).Write(directory);
    }

    /// <summary>The weights file of target directory <paramref name="directory"/>: weights.safetensors, or a first-round weights.bin.</summary>
    public static string WeightsPath(string directory) =>
        Path.Combine(directory, File.Exists(Path.Combine(directory, TargetDescription.WeightsFileName)) || !File.Exists(Path.Combine(directory, TargetDescription.LegacyWeightsFileName))
            ? TargetDescription.WeightsFileName
            : TargetDescription.LegacyWeightsFileName);

    /// <summary>Reads a target saved by <see cref="Save(nn.Module{Tensor, Tensor}, TargetDescription, string)"/>, frozen in eval mode on <paramref name="device"/>.</summary>
    public static TargetModel Load(string directory, Device device)
    {
        var description = TargetDescription.Read(directory);
        var weights = WeightsPath(directory);
        var safetensors = weights.EndsWith(TargetDescription.WeightsFileName, StringComparison.Ordinal);
        if (!File.Exists(weights))
        {
            throw new ScanInputException($"Target directory {directory} has {TargetDescription.FileName} but no {TargetDescription.WeightsFileName}.");
        }
        var content = ArtifactFile.ReadAllBytes(weights);
        if (safetensors)
        {
            FileChecksum.Verify(content, weights, description.WeightsSha256, Path.Combine(directory, TargetDescription.FileName));
        }
        var module = TargetArchitectures.Create(description);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            if (safetensors)
            {
                StateDictLoader.LoadSafetensors(module, stream, weights, description.Architecture);
            }
            else
            {
                using var reader = new BinaryReader(stream);
                module.load(reader);
            }
        }
        catch (Exception e) when (e is ScanInputException or ArgumentException or IOException or InvalidDataException or OverflowException or FormatException)
        {
            module.Dispose();
            throw new ScanInputException(
                $"{weights} does not match the architecture in {Path.Combine(directory, TargetDescription.FileName)} ({description.Architecture}): {e.Message}", e);
        }
        return new TargetModel(description, module, device);
    }
}

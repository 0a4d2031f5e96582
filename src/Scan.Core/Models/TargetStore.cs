using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A target model on disk: a directory with <c>target.json</c> (<see cref="TargetDescription"/>) and
/// <c>weights.bin</c> (TorchSharp's state-dict format).
/// </summary>
public static class TargetStore
{
    public static void Save(TargetModel model, string directory) => Save(model.Module, model.Description, directory);

    /// <summary>Writes the weights, then the description, each atomically: a directory with a target.json is complete.</summary>
    public static void Save(nn.Module<Tensor, Tensor> module, TargetDescription description, string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, TargetDescription.WeightsFileName), stream =>
        {
            // Module.save(Stream) closes the stream, which AtomicFile still has to flush.
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            module.save(writer);
            writer.Flush();
        });
        description.Write(directory);
    }

    /// <summary>Reads a target saved by <see cref="Save(nn.Module{Tensor, Tensor}, TargetDescription, string)"/>, frozen in eval mode on <paramref name="device"/>.</summary>
    public static TargetModel Load(string directory, Device device)
    {
        var description = TargetDescription.Read(directory);
        var weights = Path.Combine(directory, TargetDescription.WeightsFileName);
        if (!File.Exists(weights))
        {
            throw new ScanInputException($"Target directory {directory} has {TargetDescription.FileName} but no {TargetDescription.WeightsFileName}.");
        }
        var module = TargetArchitectures.Create(description);
        try
        {
            module.load(weights);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or OverflowException or FormatException)
        {
            module.Dispose();
            throw new ScanInputException(
                $"{weights} does not match the architecture in {Path.Combine(directory, TargetDescription.FileName)} ({description.Architecture}): {e.Message}", e);
        }
        return new TargetModel(description, module, device);
    }
}

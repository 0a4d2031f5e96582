using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>Where a training job stands: the next step to run (global, and within its epoch) and the history so far.</summary>
public sealed record TrainingPosition(int Epoch, int StepInEpoch, long GlobalStep, IReadOnlyList<EpochSummary> History);

/// <summary>
/// One file holding a training job's whole state: its position and description, the decoder's parameters and the
/// optimizer's state. Written atomically, so a crash leaves the previous checkpoint intact.
/// </summary>
public static class TrainingCheckpoint
{
    private const string Magic = "SCANCKPT";
    private const int Version = 2;

    public static void Write(string path, TrainingPosition position, DecoderDescription description, nn.Module decoder, AdamOptimizer optimizer) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(JsonSerializer.Serialize(position, DecoderDescription.Json));
            writer.Write(description.ToJson());
            decoder.save(writer);
            optimizer.Save(writer);
        });

    /// <summary>Reads the position and description; the decoder and optimizer, built from the description, are then filled by <paramref name="load"/>.</summary>
    public static (TrainingPosition Position, DecoderDescription Description) Read(string path, Func<DecoderDescription, (nn.Module Decoder, AdamOptimizer Optimizer)> load)
    {
        if (!File.Exists(path))
        {
            throw new ScanInputException($"No checkpoint at {path}.");
        }
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw new ScanInputException($"{path} is not a ScanCluster checkpoint.");
            }
            if (reader.ReadInt32() is var version && version != Version)
            {
                throw new ScanInputException($"{path} is a version {version} checkpoint; this ScanCluster reads version {Version}: start the job anew.");
            }
            var position = JsonSerializer.Deserialize<TrainingPosition>(reader.ReadString(), DecoderDescription.Json)
                ?? throw new ScanInputException($"{path} has no training position.");
            var description = DecoderDescription.FromJson(reader.ReadString(), path);
            var (decoder, optimizer) = load(description);
            decoder.load(reader);
            optimizer.Load(reader, path);
            return (position, description);
        }
        catch (EndOfStreamException e)
        {
            throw new ScanInputException($"{path} is truncated.", e);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// One file holding a training job's whole state: its position and description, the decoder's parameters and the
/// optimizer's state, then the SHA-256 of all of it, checked before anything is read. Written atomically, so a crash
/// leaves the previous checkpoint intact.
/// </summary>
public static class TrainingCheckpoint
{
    private const string Magic = "SCANCKPT";
    private const int Version = 3;

    /// <summary>Version 2 checkpoints (before the checksum) still load, unchecked.</summary>
    private const int UncheckedVersion = 2;

    public static void Write(string path, TrainingPosition position, DecoderDescription description, nn.Module decoder, AdamOptimizer optimizer) =>
        AtomicFile.Write(path, stream =>
        {
            using var sha = SHA256.Create();
            using (var hashing = new CryptoStream(stream, sha, CryptoStreamMode.Write, leaveOpen: true))
            using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(JsonSerializer.Serialize(position, DecoderDescription.Json));
                writer.Write(description.ToJson());
                decoder.save(writer);
                optimizer.Save(writer);
            }
            stream.Write(sha.Hash!);
        });

    /// <summary>Reads the position and description; the decoder and optimizer, built from the description, are then filled by <paramref name="load"/>.</summary>
    public static (TrainingPosition Position, DecoderDescription Description) Read(string path, Func<DecoderDescription, (nn.Module Decoder, AdamOptimizer Optimizer)> load) =>
        Reading(path, reader =>
        {
            var header = ReadHeader(reader, path);
            var (decoder, optimizer) = load(header.Description);
            decoder.load(reader);
            optimizer.Load(reader, path);
            return header;
        });

    /// <summary>Only the position and description (checked against the checksum), without building a decoder: what a job needs to plan its steps.</summary>
    public static (TrainingPosition Position, DecoderDescription Description) ReadHeader(string path) => Reading(path, reader => ReadHeader(reader, path));

    private static T Reading<T>(string path, Func<BinaryReader, T> read)
    {
        if (!File.Exists(path))
        {
            throw new ScanInputException($"No checkpoint at {path}.");
        }
        try
        {
            var content = ArtifactFile.ReadAllBytes(path);
            using var reader = new BinaryReader(new MemoryStream(content, 0, content.Length, writable: false, publiclyVisible: true), Encoding.UTF8);
            return read(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new ScanInputException($"{path} is truncated.", e);
        }
    }

    private static (TrainingPosition Position, DecoderDescription Description) ReadHeader(BinaryReader reader, string path)
    {
        if (reader.ReadString() != Magic)
        {
            throw new ScanInputException($"{path} is not a ScanCluster checkpoint.");
        }
        var version = reader.ReadInt32();
        if (version is not (Version or UncheckedVersion))
        {
            throw new ScanInputException($"{path} is a version {version} checkpoint; this ScanCluster reads versions {UncheckedVersion} and {Version}: start the job anew.");
        }
        if (version == Version)
        {
            VerifyChecksum(reader, path);
        }
        var position = JsonSerializer.Deserialize<TrainingPosition>(reader.ReadString(), DecoderDescription.Json)
            ?? throw new ScanInputException($"{path} has no training position.");
        return (position, DecoderDescription.FromJson(reader.ReadString(), path));
    }

    private static void VerifyChecksum(BinaryReader reader, string path)
    {
        var content = ((MemoryStream)reader.BaseStream).GetBuffer();
        var length = reader.BaseStream.Length - SHA256.HashSizeInBytes;
        if (length <= 0)
        {
            throw new ScanInputException($"{path} is truncated.");
        }
        if (!SHA256.HashData(content.AsSpan(0, (int)length)).AsSpan().SequenceEqual(content.AsSpan((int)length, SHA256.HashSizeInBytes)))
        {
            throw new ScanInputException($"{path} is corrupt: its content does not match the SHA-256 written at its end. Delete it to start the job anew.");
        }
    }
}

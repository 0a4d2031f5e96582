using System.Text.Json;
using Scan.Core;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Evaluation;

namespace Scan.Grains.Evaluation;

/// <summary>
/// What decides an evaluation's numbers: the weights (by SHA-256), the methods and their settings, and the images.
/// The data set is named by its image count only, so a progress file can follow its data to another path.
/// </summary>
public sealed record EvaluationFingerprint(
    string TargetWeights, string? DecoderWeights, string[] Methods, int Images, string? Layer, double? Percentile, long Seed,
    int RandomMaps, PerturbationExplainerSettings Perturbation)
{
    public static EvaluationFingerprint Of(EvaluateJobRequest request, int images) => new(
        FileChecksum.Of(TargetStore.WeightsPath(request.Target)),
        request.Decoder is { } decoder ? FileChecksum.Of(DecoderStore.WeightsPath(decoder)) : null,
        request.Methods, images, request.Layer, request.Percentile, request.Seed, request.RandomMaps, request.Perturbation);

    /// <summary>The first field in which <paramref name="other"/> differs, as "name: this vs other", or null.</summary>
    public string? FirstDifference(EvaluationFingerprint other) => new (string Name, object? Mine, object? Theirs)[]
        {
            ("target weights", TargetWeights, other.TargetWeights), ("decoder weights", DecoderWeights, other.DecoderWeights),
            ("methods", string.Join(",", Methods), string.Join(",", other.Methods)), ("test images", Images, other.Images),
            ("layer", Layer, other.Layer), ("percentile", Percentile, other.Percentile), ("seed", Seed, other.Seed),
            ("random maps", RandomMaps, other.RandomMaps), ("perturbation settings", Perturbation, other.Perturbation),
        }
        .Where(f => !Equals(f.Mine, f.Theirs)).Select(f => $"{f.Name}: {f.Mine ?? "none"} there, {f.Theirs ?? "none"} here").FirstOrDefault();
}

/// <summary>
/// `scan evaluate --progress FILE`: the shards an evaluation has finished, kept in a JSON file (written atomically after
/// each shard), so that a job started again with the same file scores only the shards still missing. The file fixes
/// the shard size, and is refused, naming the difference, for an evaluation with other weights, methods or images.
/// </summary>
public sealed class EvaluationProgress
{
    private static readonly JsonSerializerOptions Json = new(DecoderDescription.Json) { IgnoreReadOnlyProperties = true };

    private readonly string _path;
    private readonly ProgressFile _file;

    private EvaluationProgress(string path, ProgressFile file) => (_path, _file) = (path, file);

    public int ShardSize => _file.ShardSize;

    /// <summary>The file at <paramref name="path"/> if it exists (checked against <paramref name="fingerprint"/>), else a new one for shards of <paramref name="shardSize"/>.</summary>
    public static EvaluationProgress Open(string path, EvaluationFingerprint fingerprint, int shardSize)
    {
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw new ScanInputException($"--progress {path}: its directory does not exist.");
        }
        if (!File.Exists(path))
        {
            return new EvaluationProgress(path, new ProgressFile(fingerprint, shardSize, []));
        }
        ProgressFile file;
        try
        {
            file = JsonSerializer.Deserialize<ProgressFile>(ArtifactFile.ReadAllText(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new ScanInputException($"--progress {path}: not an evaluation progress file ({e.Message}).");
        }
        if (file.Fingerprint.FirstDifference(fingerprint) is { } difference)
        {
            throw new ScanInputException($"--progress {path} belongs to another evaluation ({difference}); delete it or name another file.");
        }
        return new EvaluationProgress(path, file);
    }

    /// <summary>Marks the shards the file holds as done in <paramref name="schedule"/>.</summary>
    public void RestoreInto(ShardSchedule schedule)
    {
        foreach (var shard in _file.Shards)
        {
            var index = shard.Start / ShardSize;
            if (index >= schedule.Shards.Count || schedule.Shards[index] != (shard.Start, shard.Count))
            {
                throw new ScanInputException($"--progress {_path}: its shard of images {shard.Start}–{shard.Start + shard.Count - 1} is not a shard of this evaluation.");
            }
            schedule.Restore(index, shard.Totals);
        }
    }

    /// <summary>Writes the file with every shard <paramref name="schedule"/> has finished.</summary>
    public void Save(ShardSchedule schedule) => AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(
        _file with { Shards = [.. schedule.Finished.Select(f => new FinishedShard(schedule.Shards[f.Shard].Start, schedule.Shards[f.Shard].Count, f.Totals))] }, Json));

    private sealed record ProgressFile(EvaluationFingerprint Fingerprint, int ShardSize, FinishedShard[] Shards);

    private sealed record FinishedShard(int Start, int Count, EvaluationTotals Totals);
}

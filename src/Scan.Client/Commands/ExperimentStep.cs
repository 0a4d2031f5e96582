using System.Text.Json;
using System.Text.Json.Nodes;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Evaluation;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary>
/// One cell of a multi-run experiment (`scan sanity`, `scan ablate`) in its own directory: train a SCAN decoder for
/// the target when the methods include SCAN, evaluate, and keep the report as <c>evaluate.json</c>. A cell whose
/// report exists is read back instead of rerun, and a decoder cut off mid-training resumes from its checkpoint, so an
/// interrupted experiment continues where it stopped. <c>cell.json</c> records what the cell was made with; a
/// directory made with anything else is refused rather than reused.
/// </summary>
public static class ExperimentStep
{
    public const string ReportFileName = "evaluate.json";
    public const string CellFileName = "cell.json";

    public static EvaluationReport Run(
        ScanConsole console, string directory, ScanSettings settings, DecoderTrainingOptions decoderOptions, EvaluationRequest evaluation,
        CancellationToken cancellation)
    {
        var reportPath = Path.Combine(directory, ReportFileName);
        var cellPath = Path.Combine(directory, CellFileName);
        var cell = JsonSerializer.Serialize(new { settings, decoderOptions, evaluation = evaluation with { Decoder = null } });
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(e => Path.GetFileName(e) != "target"))
        {
            if (!File.Exists(cellPath) || !SameCell(File.ReadAllText(cellPath), cell))
            {
                throw new ScanInputException(
                    $"{directory} holds an experiment made with other settings or options ({cellPath} differs or is missing); give another --out, or delete it to start over.");
            }
        }
        if (File.Exists(reportPath))
        {
            console.Info($"Reusing {reportPath}.");
            return EvaluationReport.FromJson(File.ReadAllText(reportPath), reportPath);
        }
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(cellPath, cell);
        var decoder = Path.Combine(directory, "decoder");
        if (evaluation.Methods.Contains("scan") && !DecoderStore.Exists(decoder))
        {
            var resume = File.Exists(Path.Combine(decoder, DecoderDescription.CheckpointFileName));
            TrainCommand.Run(console, new TrainRequest(evaluation.Target, decoder, resume, evaluation.Layer, settings, decoderOptions,
                evaluation.Data, evaluation.SkipBadFiles, evaluation.Device), cancellation);
        }
        var report = EvaluateCommand.Run(console, evaluation with { Decoder = evaluation.Methods.Contains("scan") ? decoder : null }, cancellation);
        AtomicFile.WriteAllText(reportPath, report.ToJson());
        return report;
    }

    /// <summary>
    /// Whether a recorded cell.json describes the experiment <paramref name="current"/> describes: an option added to
    /// the program since the cell was made (absent there, null here) changes nothing.
    /// </summary>
    public static bool SameCell(string recorded, string current)
    {
        try
        {
            return JsonNode.DeepEquals(WithoutNulls(JsonNode.Parse(recorded)), WithoutNulls(JsonNode.Parse(current)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        if (node is JsonObject properties)
        {
            foreach (var name in properties.Where(property => property.Value is null).Select(property => property.Key).ToList())
            {
                properties.Remove(name);
            }
            foreach (var property in properties)
            {
                WithoutNulls(property.Value);
            }
        }
        else if (node is JsonArray items)
        {
            foreach (var item in items)
            {
                WithoutNulls(item);
            }
        }
        return node;
    }
}

using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Evaluation;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary>
/// One cell of a multi-run experiment (`scan sanity`, `scan ablate`) in its own directory: train a SCAN decoder for
/// the target when the methods include SCAN, evaluate, and keep the report as <c>evaluate.json</c>. A cell whose
/// report exists is read back instead of rerun, and a decoder cut off mid-training resumes from its checkpoint, so an
/// interrupted experiment continues where it stopped.
/// </summary>
public static class ExperimentStep
{
    public const string ReportFileName = "evaluate.json";

    public static EvaluationReport Run(
        ScanConsole console, string directory, ScanSettings settings, DecoderTrainingOptions decoderOptions, EvaluationRequest evaluation,
        CancellationToken cancellation)
    {
        var reportPath = Path.Combine(directory, ReportFileName);
        if (File.Exists(reportPath))
        {
            console.Info($"Reusing {reportPath}.");
            return EvaluationReport.FromJson(File.ReadAllText(reportPath), reportPath);
        }
        Directory.CreateDirectory(directory);
        var decoder = Path.Combine(directory, "decoder");
        if (evaluation.Methods.Contains("scan") && !File.Exists(Path.Combine(decoder, DecoderDescription.WeightsFileName)))
        {
            var resume = File.Exists(Path.Combine(decoder, DecoderDescription.CheckpointFileName));
            TrainCommand.Run(console, new TrainRequest(evaluation.Target, decoder, resume, evaluation.Layer, settings, decoderOptions,
                evaluation.Data, evaluation.SkipBadFiles, evaluation.Device), cancellation);
        }
        var report = EvaluateCommand.Run(console, evaluation with { Decoder = evaluation.Methods.Contains("scan") ? decoder : null }, cancellation);
        AtomicFile.WriteAllText(reportPath, report.ToJson());
        return report;
    }
}

using Scan.Core.Data;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>SCAN's and a random map's AUC-D on the held-out validation images, after an epoch.</summary>
public sealed record ValidationScore(double ScanAucD, double RandomAucD)
{
    /// <summary>A decoder this close to random (in AUC-D points) has learnt nothing useful: its job warns.</summary>
    public const double UsefulMargin = 5;

    public bool IsUseful => ScanAucD >= RandomAucD + UsefulMargin;

    /// <summary>Scoring this far below random, the map marks the regions the classifier did not rely on.</summary>
    public bool IsInverted => ScanAucD <= RandomAucD - UsefulMargin;
}

/// <summary>Scores a decoder being trained on the training set's held-out images, exactly as `scan evaluate` scores the test set.</summary>
public static class DecoderValidation
{
    private const int BatchSize = 250;

    /// <summary>The score, or null when the options hold no images out of a set this size.</summary>
    public static ValidationScore? Score(DecoderTrainer trainer, TargetModel target, IImageDataset data)
    {
        var (first, count) = trainer.Description.Training.ValidationRange(data.Count);
        if (count == 0)
        {
            return null;
        }
        var decoder = trainer.Decoder;
        decoder.eval();
        try
        {
            var scan = new ScanExplainer(target, trainer.Description, decoder, null);
            var random = new RandomMap(target.InputShape, trainer.Description.Training.Seed);
            var totals = EvaluationShard.Run(target, data, [scan, random], trainer.Description.Layout.Grid, first, count, BatchSize);
            return new ValidationScore(totals.PerMethod[0].Perturbation.AucDifference, totals.PerMethod[1].Perturbation.AucDifference);
        }
        finally
        {
            decoder.train();
        }
    }
}

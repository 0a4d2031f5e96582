using Scan.Core.Data;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Training;

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

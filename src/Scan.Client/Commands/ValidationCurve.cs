using System.Globalization;
using Scan.Client.Output;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary>A training job's validation curve for people: AUC-D per epoch, the epoch kept, and a warning when it learnt nothing useful.</summary>
public static class ValidationCurve
{
    public static void Report(ScanConsole console, IReadOnlyList<EpochSummary> history)
    {
        var scored = history.Where(h => h.ValidationAucD is not null).ToList();
        if (scored.Count == 0)
        {
            return;
        }
        var best = scored.MaxBy(h => h.ValidationAucD!.Value)!;
        console.Table("Validation (held-out training images)", ["epoch", "loss", "SCAN AUC-D", "random AUC-D", ""],
            scored.Select(h => (IReadOnlyList<string>)[$"{h.Epoch}", Number(h.Loss, "F4"), Number(h.ValidationAucD!.Value, "F2"), Number(h.RandomAucD ?? 0, "F2"), h == best ? "kept" : ""]), result: false);
        var score = new ValidationScore(best.ValidationAucD!.Value, best.RandomAucD ?? 0);
        if (score.IsInverted)
        {
            console.Warning($"the kept decoder (epoch {best.Epoch}) scores AUC-D {Number(score.ScanAucD, "F2")} on the validation images, far below a random " +
                $"map's {Number(score.RandomAucD, "F2")}: its confidence marks the regions the classifier did not rely on. The confidence weight puts confidence " +
                "where the reconstruction is hardest (--confidence-weight original) or easiest (eq9), and on this data that is the background: " +
                "train again with the other weight (docs/decisions.md, the loss-form tables).");
        }
        else if (!score.IsUseful)
        {
            console.Warning($"the kept decoder (epoch {best.Epoch}) scores AUC-D {Number(score.ScanAucD, "F2")} on the validation images, less than " +
                $"{ValidationScore.UsefulMargin} above a random map's {Number(score.RandomAucD, "F2")}: its maps are not trustworthy. Train longer, or check the target and the layer.");
        }
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

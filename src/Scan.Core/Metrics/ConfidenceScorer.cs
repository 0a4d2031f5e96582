using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Metrics;

/// <summary>
/// Softmax scores for Drop% and Increase% (Grad-CAM++ and RISE conventions, SPEC.md §4): Y_c on the clean image and
/// O_c on x ⊙ map, where the map is min-max normalised and multiplied into every channel of the un-normalised image.
/// </summary>
public static class ConfidenceScorer
{
    /// <summary>The softmax score of <c>classes[i]</c> in each row of <paramref name="logits"/> [B, classes], in double precision.</summary>
    public static double[] ClassScores(Tensor logits, Tensor classes)
    {
        using var scope = NewDisposeScope();
        var chosen = classes.to(logits.device).to(int64).unsqueeze(1);
        var scores = logits.to(float64).softmax(1).gather(1, chosen).squeeze(1);
        return scores.cpu().data<double>().ToArray();
    }

    /// <summary>O_c for images [B, C, H, W] in [0, 1], classes [B] and maps [B, H, W].</summary>
    public static double[] MaskedScores(TargetModel model, Tensor images, Tensor classes, Tensor maps)
    {
        using var scope = NewDisposeScope();
        var device = model.Device;
        var weights = SaliencyOrder.MinMaxNormalize(maps.to(device)).unsqueeze(1).to(images.dtype);
        var logits = model.Logits(images.to(device) * weights);
        return ClassScores(logits, classes);
    }
}

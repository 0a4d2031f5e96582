using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// Cross-entropy against labels smoothed by ε: <c>(1 − ε) · (−log p_y) + ε · mean_k(−log p_k)</c>, averaged over the batch.
/// </summary>
public static class SmoothedCrossEntropy
{
    public static Tensor Loss(Tensor logits, Tensor labels, double smoothing)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(1);
        var labelTerm = logProbabilities.gather(1, labels.unsqueeze(1)).neg().mean();
        var uniformTerm = logProbabilities.mean([1]).neg().mean();
        return labelTerm.mul(1 - smoothing).add(uniformTerm.mul(smoothing)).MoveToOuterDisposeScope();
    }
}

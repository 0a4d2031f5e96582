using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

/// <summary>Known answers for model-agnostic explainers: class 0's logit is 10 × the mean of the top-left quadrant − 4
/// (centred so that the softmax is not saturated for half-masked images), class 1's is 0.</summary>
internal static class QuadrantTarget
{
    public static TargetModel Create(ImageShape shape) => FunctionClassifier.Target(shape, 2, x => x,
        f => stack([10 * f[.., .., ..(int)(f.shape[2] / 2), ..(int)(f.shape[3] / 2)].mean([1, 2, 3]) - 4, zeros(f.shape[0])], 1));

    /// <summary>The share of each map's mass [B] that lies in the top-left quadrant.</summary>
    public static float[] TopLeftShare(Tensor maps)
    {
        using var scope = NewDisposeScope();
        var (height, width) = ((int)maps.shape[1], (int)maps.shape[2]);
        var inside = maps[.., ..(height / 2), ..(width / 2)].sum([1, 2]);
        return (inside / maps.sum([1, 2])).data<float>().ToArray();
    }
}

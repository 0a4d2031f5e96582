using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// XGrad-CAM (Fu et al. 2020): w_c = Σ_ab (A_c,ab / Σ_ij A_c,ij) · g_c,ab (w_c = 0 where Σ_ij A_c,ij = 0);
/// map = ReLU(Σ_c w_c A_c).
/// </summary>
public sealed class XGradCam(TargetModel target, string layer) : GradientCam(target, layer)
{
    public override string Name => "xgradcam";

    /// <summary>[B, C, 1, 1] channel weights for features and gradients [B, C, g, g].</summary>
    public static Tensor ChannelWeights(Tensor features, Tensor gradients)
    {
        using var scope = NewDisposeScope();
        var sums = features.sum([2, 3], keepdim: true);
        var defined = sums.ne(0);
        var weights = (features * gradients).sum([2, 3], keepdim: true) / sums.where(defined, ones_like(sums));
        return weights.where(defined, zeros_like(weights)).MoveToOuterDisposeScope();
    }

    protected override Tensor Weights(Tensor features, Tensor gradients) => ChannelWeights(features, gradients);
}

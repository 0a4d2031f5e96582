using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Grad-CAM++ (Chattopadhyay et al. 2018), the closed form for an exponentiated logit, whose second and third
/// derivatives are powers of the first: α_c,ab = g²_c,ab / (2 g²_c,ab + Σ_ij A_c,ij · g³_c,ab) (α = 0 where the
/// denominator is 0), w_c = Σ_ab α_c,ab · ReLU(g_c,ab); map = ReLU(Σ_c w_c A_c).
/// </summary>
public sealed class GradCamPlusPlus(TargetModel target, string layer) : GradientCam(target, layer)
{
    public override string Name => "gradcam++";

    /// <summary>[B, C, 1, 1] channel weights for features and gradients [B, C, g, g].</summary>
    public static Tensor ChannelWeights(Tensor features, Tensor gradients)
    {
        using var scope = NewDisposeScope();
        var squared = gradients.square();
        var activationSums = features.sum([2, 3], keepdim: true);
        var denominator = 2 * squared + activationSums * squared * gradients;
        var defined = denominator.ne(0);
        var alpha = (squared / denominator.where(defined, ones_like(denominator))).where(defined, zeros_like(denominator));
        return (alpha * nn.functional.relu(gradients)).sum([2, 3], keepdim: true).MoveToOuterDisposeScope();
    }

    protected override Tensor Weights(Tensor features, Tensor gradients) => ChannelWeights(features, gradients);
}

using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>Grad-CAM (Selvaraju et al. 2017): w_c = mean_ab g_c,ab; map = ReLU(Σ_c w_c A_c).</summary>
public sealed class GradCam(TargetModel target, string layer) : GradientCam(target, layer)
{
    public override string Name => "gradcam";

    /// <summary>[B, C, 1, 1]: the spatial mean of each channel's gradient.</summary>
    public static Tensor ChannelWeights(Tensor gradients) => gradients.mean([2, 3], keepdim: true);

    protected override Tensor Weights(Tensor features, Tensor gradients) => ChannelWeights(gradients);
}

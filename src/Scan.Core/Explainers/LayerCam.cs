using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>LayerCAM (Jiang et al. 2021): a weight per position, W_c,ab = ReLU(g_c,ab); map = ReLU(Σ_c W_c ⊙ A_c).</summary>
public sealed class LayerCam(TargetModel target, string layer) : GradientCam(target, layer)
{
    public override string Name => "layercam";

    /// <summary>[B, C, g, g]: the positive part of the gradient.</summary>
    public static Tensor PositionWeights(Tensor gradients) => nn.functional.relu(gradients);

    protected override Tensor Weights(Tensor features, Tensor gradients) => PositionWeights(gradients);
}

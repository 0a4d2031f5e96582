using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// The transformer initialisation: a normal of small standard deviation, clipped at two standard deviations.
/// (TorchSharp 0.107's <c>nn.init.trunc_normal_</c> fills the tensor with the standard deviation instead.)
/// </summary>
internal static class SmallNormalInit
{
    public const double Std = 0.02;

    public static Tensor Fill(Tensor tensor)
    {
        using var noGrad = no_grad();
        return tensor.normal_(0, Std).clamp_(-2 * Std, 2 * Std);
    }
}

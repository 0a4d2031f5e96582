using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Raw attention: the last block's attention probabilities averaged over heads, mean_h(A_L); the map is the class
/// token's row over the patch tokens. It does not depend on the class explained.
/// </summary>
public sealed class RawAttention(TargetModel target) : AttentionExplainer(target, "attention")
{
    protected override Tensor TokenRelevance(Tensor normalisedImages, Tensor classes) => Attention(normalisedImages)[^1].mean([1]);
}

using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Attention rollout (Abnar and Zuidema 2020): per block Â_l = 0.5·mean_h(A_l) + 0.5·I with rows renormalised to sum
/// to 1 (the residual connection), and R = Â_L · … · Â_1; the map is the class token's row of R over the patch
/// tokens. It does not depend on the class explained.
/// </summary>
public sealed class AttentionRollout(TargetModel target) : AttentionExplainer(target, "rollout")
{
    /// <summary>R [B, T, T] for the attention probabilities [B, heads, T, T] of blocks 1..L, first block first.</summary>
    public static Tensor Rollout(IReadOnlyList<Tensor> attention)
    {
        if (attention.Count == 0)
        {
            throw new ArgumentException("Rollout needs the attention of at least one block.", nameof(attention));
        }
        using var scope = NewDisposeScope();
        var tokens = attention[0].shape[^1];
        var identity = eye(tokens, dtype: attention[0].dtype, device: attention[0].device);
        Tensor? rollout = null;
        foreach (var probabilities in attention)
        {
            var mixed = 0.5 * probabilities.mean([1]) + 0.5 * identity;
            mixed = mixed / mixed.sum(-1, keepdim: true);
            rollout = rollout is null ? mixed : mixed.matmul(rollout);
        }
        return rollout!.MoveToOuterDisposeScope();
    }

    protected override Tensor TokenRelevance(Tensor normalisedImages, Tensor classes) => Rollout(Attention(normalisedImages));
}

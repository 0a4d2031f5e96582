using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>A vision transformer that can report the attention probabilities of its blocks (for rollout, Chefer and raw attention).</summary>
public interface IAttentionClassifier
{
    /// <summary>Logits of normalised images and the attention probabilities [B, heads, T, T] of every block, first block first.</summary>
    AttentionTrace ForwardWithAttention(Tensor normalisedImages);
}

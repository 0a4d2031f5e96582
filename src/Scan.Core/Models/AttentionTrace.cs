using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A vision transformer's forward pass with every block's attention probabilities [B, heads, T, T], first block first,
/// kept in the autograd graph (attention baselines differentiate the logits with respect to them).
/// </summary>
public sealed record AttentionTrace(Tensor Logits, IReadOnlyList<Tensor> Attention);

using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Gradient-weighted attention relevance (Chefer, Gur and Wolf, "Generic Attention-model Explainability for
/// Interpreting Bi-Modal and Encoder-Decoder Transformers", ICCV 2021, Eq. 5–6): R = I; for each block l, first
/// to last, Ā_l = E_h[(∇A_l ⊙ A_l)⁺] and R ← R + Ā_l · R, where ∇A_l is the gradient of the explained class's logit
/// with respect to block l's attention probabilities A_l; the map is the class token's row of R over the patch tokens.
/// The gradients of every block come from one backward pass of the whole batch (the selected logits summed).
/// </summary>
public sealed class CheferRelevance(TargetModel target) : AttentionExplainer(target, "chefer")
{
    /// <summary>R [B, T, T] for attention probabilities and their gradients [B, heads, T, T] of blocks 1..L, first block first.</summary>
    public static Tensor Relevance(IReadOnlyList<Tensor> attention, IReadOnlyList<Tensor> gradients)
    {
        if (attention.Count == 0 || attention.Count != gradients.Count)
        {
            throw new ArgumentException($"Relevance needs one gradient per block's attention: {attention.Count} attention, {gradients.Count} gradients.", nameof(gradients));
        }
        using var scope = NewDisposeScope();
        var first = attention[0];
        var relevance = eye(first.shape[^1], dtype: first.dtype, device: first.device).expand(first.shape[0], -1, -1);
        for (var block = 0; block < attention.Count; block++)
        {
            var weighted = nn.functional.relu(gradients[block] * attention[block]).mean([1]);
            relevance = relevance + weighted.matmul(relevance);
        }
        return relevance.MoveToOuterDisposeScope();
    }

    protected override Tensor TokenRelevance(Tensor normalisedImages, Tensor classes)
    {
        using var scope = NewDisposeScope();
        IList<Tensor> attention;
        IList<Tensor> gradients;
        using (enable_grad())
        {
            var trace = Classifier.ForwardWithAttention(normalisedImages.detach().requires_grad_(true));
            var chosen = classes.to(Target.Device).to(int64).unsqueeze(1);
            var selected = trace.Logits.gather(1, chosen).sum();
            attention = [.. trace.Attention];
            gradients = torch.autograd.grad([selected], attention);
        }
        using var noGrad = no_grad();
        return Relevance([.. attention.Select(a => a.detach())], [.. gradients]).MoveToOuterDisposeScope();
    }
}

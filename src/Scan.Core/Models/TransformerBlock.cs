using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>A pre-norm transformer block: <c>x + attn(LN(x))</c>, then <c>x + MLP(LN(x))</c> with a GELU MLP of width ratio·D.</summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _attentionNorm;
    private readonly SelfAttention _attention;
    private readonly nn.Module<Tensor, Tensor> _mlpNorm;
    private readonly nn.Module<Tensor, Tensor> _mlp;

    public TransformerBlock(int dim, int heads, int mlpRatio) : base(nameof(TransformerBlock))
    {
        _attentionNorm = nn.LayerNorm(dim);
        _attention = new SelfAttention(dim, heads);
        _mlpNorm = nn.LayerNorm(dim);
        _mlp = nn.Sequential(nn.Linear(dim, mlpRatio * dim), nn.GELU(), nn.Linear(mlpRatio * dim, dim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => ForwardWithAttention(input).Output;

    /// <summary>The block's output [B, T, D] and its attention probabilities [B, heads, T, T].</summary>
    public (Tensor Output, Tensor Attention) ForwardWithAttention(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (attended, attention) = _attention.Attend(_attentionNorm.call(input));
        var hidden = input.add(attended);
        var output = hidden.add(_mlp.call(_mlpNorm.call(hidden)));
        return (output.MoveToOuterDisposeScope(), attention.MoveToOuterDisposeScope());
    }
}

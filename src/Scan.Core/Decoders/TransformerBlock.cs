using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>A pre-norm transformer block (ViT's): x + MHA(LN(x)), then x + MLP(LN(x)) with a 4× GELU MLP.</summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm _attentionNorm;
    private readonly SelfAttention _attention;
    private readonly LayerNorm _mlpNorm;
    private readonly Linear _expand;
    private readonly Linear _contract;

    public TransformerBlock(int dim, int heads)
        : base(nameof(TransformerBlock))
    {
        _attentionNorm = nn.LayerNorm(dim);
        _attention = new SelfAttention(dim, heads);
        _mlpNorm = nn.LayerNorm(dim);
        _expand = nn.Linear(dim, 4 * dim);
        _contract = nn.Linear(4 * dim, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var x = tokens.add(_attention.call(_attentionNorm.call(tokens)));
        x = x.add(_contract.call(nn.functional.gelu(_expand.call(_mlpNorm.call(x)))));
        return x.MoveToOuterDisposeScope();
    }
}

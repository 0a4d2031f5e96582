using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>Multi-head self-attention over tokens [B, T, D]: one qkv projection, scaled dot-product attention, an output projection.</summary>
public sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear _qkv;
    private readonly Linear _output;
    private readonly int _heads;

    public SelfAttention(int dim, int heads)
        : base(nameof(SelfAttention))
    {
        if (heads <= 0 || dim % heads != 0)
        {
            throw new ArgumentException($"width {dim} is not a multiple of {heads} heads.", nameof(heads));
        }
        _heads = heads;
        _qkv = nn.Linear(dim, 3 * dim);
        _output = nn.Linear(dim, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (batch, count, dim) = (tokens.shape[0], tokens.shape[1], tokens.shape[2]);
        var qkv = _qkv.call(tokens).reshape(batch, count, 3, _heads, dim / _heads).permute(2, 0, 3, 1, 4);
        var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2]);
        var merged = attended.transpose(1, 2).reshape(batch, count, dim);
        return _output.call(merged).MoveToOuterDisposeScope();
    }
}

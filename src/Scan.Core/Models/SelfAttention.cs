using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// Multi-head self-attention over tokens [B, T, D]: one linear layer gives queries, keys and values,
/// <see cref="MultiHeadAttention"/> weighs the values per head, a linear layer mixes the heads.
/// </summary>
public sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _queryKeyValue;
    private readonly nn.Module<Tensor, Tensor> _projection;
    private readonly int _heads;

    public SelfAttention(int dim, int heads) : base(nameof(SelfAttention))
    {
        if (dim % heads != 0)
        {
            throw new ArgumentException($"Width {dim} is not divisible by {heads} heads.", nameof(heads));
        }
        _heads = heads;
        _queryKeyValue = nn.Linear(dim, 3 * dim);
        _projection = nn.Linear(dim, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => Attend(input).Output;

    /// <summary>The output [B, T, D] and the attention probabilities [B, heads, T, T] (rows sum to 1), both in the autograd graph.</summary>
    public (Tensor Output, Tensor Attention) Attend(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (mixed, attention) = MultiHeadAttention.Attend(_queryKeyValue.call(input), _heads);
        return (_projection.call(mixed).MoveToOuterDisposeScope(), attention.MoveToOuterDisposeScope());
    }
}

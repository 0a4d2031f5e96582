using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>The classifier of a vision transformer: final layer norm over tokens [B, T, D], then a linear layer on the class token.</summary>
public sealed class ClassTokenHead : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _norm;
    private readonly nn.Module<Tensor, Tensor> _classifier;

    public ClassTokenHead(int dim, int classes) : base(nameof(ClassTokenHead))
    {
        _norm = nn.LayerNorm(dim);
        _classifier = nn.Linear(dim, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _classifier.call(_norm.call(input).select(1, 0)).MoveToOuterDisposeScope();
    }
}

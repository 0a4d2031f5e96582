using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>
/// The pre-activation bottleneck of the reference code: norm, ReLU, 1×1 to C_out/2; norm, ReLU, 3×3; norm, ReLU,
/// 1×1 to C_out; plus the input (through a 1×1 projection when C_in ≠ C_out).
/// </summary>
public sealed class ResidualModule : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _norm1;
    private readonly Conv2d _reduce;
    private readonly nn.Module<Tensor, Tensor> _norm2;
    private readonly Conv2d _conv;
    private readonly nn.Module<Tensor, Tensor> _norm3;
    private readonly Conv2d _expand;
    private readonly Conv2d? _projection;

    public ResidualModule(int inChannels, int outChannels, DecoderNormalization normalization)
        : base(nameof(ResidualModule))
    {
        var middle = Math.Max(1, outChannels / 2);
        _norm1 = DecoderNorm.Create(inChannels, normalization);
        _reduce = nn.Conv2d(inChannels, middle, 1, bias: false);
        _norm2 = DecoderNorm.Create(middle, normalization);
        _conv = nn.Conv2d(middle, middle, 3, padding: 1, bias: false);
        _norm3 = DecoderNorm.Create(middle, normalization);
        _expand = nn.Conv2d(middle, outChannels, 1);
        _projection = inChannels == outChannels ? null : nn.Conv2d(inChannels, outChannels, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _reduce.call(nn.functional.relu(_norm1.call(input)));
        x = _conv.call(nn.functional.relu(_norm2.call(x)));
        x = _expand.call(nn.functional.relu(_norm3.call(x)));
        var shortcut = _projection is null ? input : _projection.call(input);
        return x.add(shortcut).MoveToOuterDisposeScope();
    }
}

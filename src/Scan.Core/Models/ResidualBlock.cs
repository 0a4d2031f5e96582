using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A basic residual block (two 3×3 convolutions with batch norm): <c>relu(bn(conv(relu(bn(conv(x))))) + shortcut(x))</c>,
/// the shortcut a strided 1×1 convolution where the shape changes. The last batch norm starts at zero so the block
/// starts as the identity.
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _conv1;
    private readonly nn.Module<Tensor, Tensor> _norm1;
    private readonly nn.Module<Tensor, Tensor> _conv2;
    private readonly TorchSharp.Modules.BatchNorm2d _norm2;
    private readonly nn.Module<Tensor, Tensor>? _shortcut;

    public ResidualBlock(long inputChannels, long outputChannels, long stride) : base(nameof(ResidualBlock))
    {
        _conv1 = nn.Conv2d(inputChannels, outputChannels, 3, stride: stride, padding: 1, bias: false);
        _norm1 = nn.BatchNorm2d(outputChannels);
        _conv2 = nn.Conv2d(outputChannels, outputChannels, 3, padding: 1, bias: false);
        _norm2 = nn.BatchNorm2d(outputChannels);
        if (stride != 1 || inputChannels != outputChannels)
        {
            _shortcut = nn.Sequential(
                nn.Conv2d(inputChannels, outputChannels, 1, stride: stride, bias: false),
                nn.BatchNorm2d(outputChannels));
        }
        using (no_grad())
        {
            _norm2.weight!.zero_();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = nn.functional.relu(_norm1.call(_conv1.call(input)));
        var residual = _norm2.call(_conv2.call(hidden));
        var shortcut = _shortcut is null ? input : _shortcut.call(input);
        return nn.functional.relu(residual.add(shortcut)).MoveToOuterDisposeScope();
    }
}

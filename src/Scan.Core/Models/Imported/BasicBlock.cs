using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Scan.Core.Models.Imported;

/// <summary>
/// torchvision's <c>BasicBlock</c> (two 3×3 convolutions with BatchNorm, a shortcut through <c>downsample</c> where the
/// shape changes), for ResNets of other depths than the TorchVision package builds; names as torchvision's.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;
    [ComponentName(Name = "bn1")]
    private readonly BatchNorm2d _norm1;
    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;
    [ComponentName(Name = "bn2")]
    private readonly BatchNorm2d _norm2;
    [ComponentName(Name = "downsample")]
    private readonly nn.Module<Tensor, Tensor>? _downsample;

    public BasicBlock(int inputChannels, int channels, int stride, nn.Module<Tensor, Tensor>? downsample) : base(nameof(BasicBlock))
    {
        _conv1 = nn.Conv2d(inputChannels, channels, 3, stride: stride, padding: 1, bias: false);
        _norm1 = nn.BatchNorm2d(channels);
        _conv2 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        _norm2 = nn.BatchNorm2d(channels);
        _downsample = downsample;
        RegisterComponents();
    }

    /// <summary>A ResNet of basic blocks with <paramref name="blocks"/> per layer, built by the TorchVision package's <c>ResNet</c>.</summary>
    public static nn.Module<Tensor, Tensor> ResNet(IList<int> blocks, int classes) =>
        new TorchSharp.Modules.ResNet("ResNet", (inputChannels, channels, stride, downsample, _, _, _, _) => new BasicBlock(inputChannels, channels, stride, downsample),
            expansion: 1, blocks, numClasses: classes);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var main = _norm2.call(_conv2.call(_norm1.call(_conv1.call(input)).relu()));
        var shortcut = _downsample?.call(input) ?? input;
        return main.add(shortcut).relu().MoveToOuterDisposeScope();
    }
}

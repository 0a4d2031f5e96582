using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>The decoders' 2-D normalisation layer, chosen by <see cref="ScanSettings.Normalization"/>.</summary>
public static class DecoderNorm
{
    /// <summary>GroupNorm's group count: gcd(32, C), i.e. 32 groups where C allows it and never a group split across channels.</summary>
    public static int GroupCount(int channels)
    {
        var (a, b) = (32, channels);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    public static nn.Module<Tensor, Tensor> Create(int channels, DecoderNormalization normalization) => normalization switch
    {
        DecoderNormalization.GroupNorm => GroupNorm(channels),
        DecoderNormalization.BatchNorm => nn.BatchNorm2d(channels),
        _ => throw new ScanInputException($"ScanSettings.Normalization = {normalization} is not supported."),
    };

    /// <summary>
    /// TorchSharp 0.107's GroupNorm allocates its affine weight and bias with <c>torch.empty</c> and never initialises
    /// them (LayerNorm and BatchNorm do): set them to PyTorch's ones and zeros, or the decoder starts from garbage.
    /// </summary>
    private static nn.Module<Tensor, Tensor> GroupNorm(int channels)
    {
        var norm = nn.GroupNorm(GroupCount(channels), channels);
        using var noGrad = no_grad();
        nn.init.ones_(norm.weight);
        nn.init.zeros_(norm.bias!);
        return norm;
    }
}

using Scan.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>The one place where [0, 1] images [B, C, H, W] become a model's input: <c>(x − mean) / std</c> per channel.</summary>
public sealed class ImageNormalizer : IDisposable
{
    private readonly Tensor _mean;
    private readonly Tensor _std;

    public ImageNormalizer(Normalization normalization, int channels, Device device)
    {
        if (normalization.Mean.Length != channels || normalization.Std.Length != channels)
        {
            throw new ScanInputException($"The normalisation has {normalization.Mean.Length} means and {normalization.Std.Length} standard deviations for images of {channels} channels.");
        }
        _mean = tensor(normalization.Mean, device: device).reshape(1, channels, 1, 1).DetachFromDisposeScope();
        _std = tensor(normalization.Std, device: device).reshape(1, channels, 1, 1).DetachFromDisposeScope();
    }

    public Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        return images.to(_mean.device).sub(_mean).div(_std).MoveToOuterDisposeScope();
    }

    /// <summary>The inverse, clamped into [0, 1]: normalised tensors (a decoder's reconstruction) back to pixels.</summary>
    public Tensor Invert(Tensor normalised)
    {
        using var scope = NewDisposeScope();
        return normalised.to(_mean.device).mul(_std).add(_mean).clamp(0, 1).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _mean.Dispose();
        _std.Dispose();
    }
}

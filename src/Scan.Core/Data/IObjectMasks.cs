using static TorchSharp.torch;

namespace Scan.Core.Data;

/// <summary>A data set whose images may come with ground-truth object masks (localisation metrics score maps against them).</summary>
public interface IObjectMasks
{
    bool HasMasks { get; }

    /// <summary>The masks [B, H, W] of samples <paramref name="indices"/> (1: object, 0: background) on <paramref name="device"/>.</summary>
    Tensor LoadMasks(IReadOnlyList<int> indices, Device device);
}

using Scan.Core.Data;
using Scan.Core.Metrics;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>Shared layout steps of map-based explainers.</summary>
public static class FeatureGrid
{
    /// <summary>[B, C, g, g] unchanged; tokens [B, 1+g², D] become [B, D, g, g] without the class token (row-major patches).</summary>
    public static Tensor ToSpatial(Tensor features)
    {
        if (features.dim() == 4)
        {
            return features.alias();
        }
        var layout = Models.FeatureLayout.FromShape(features.shape[1..]);
        return features[.., 1..].transpose(1, 2).reshape(features.shape[0], layout.Channels, layout.Grid, layout.Grid);
    }

    /// <summary>[B, 1, g, g] maps to [B, H, W]: bilinear upsampling, then per-map min-max normalisation into [0, 1].</summary>
    public static Tensor ToInputResolution(Tensor coarse, ImageShape input)
    {
        using var scope = NewDisposeScope();
        var upsampled = nn.functional.interpolate(coarse, [input.Height, input.Width], mode: InterpolationMode.Bilinear, align_corners: false);
        return SaliencyOrder.MinMaxNormalize(upsampled.squeeze(1)).MoveToOuterDisposeScope();
    }
}

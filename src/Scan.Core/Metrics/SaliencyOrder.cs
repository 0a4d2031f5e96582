using static TorchSharp.torch;

namespace Scan.Core.Metrics;

/// <summary>Map preparation and pixel orderings for perturbation metrics (SPEC.md §4).</summary>
public static class SaliencyOrder
{
    /// <summary>Per-map min-max normalisation of [B, H, W] maps into [0, 1]; a constant map becomes all zeros.</summary>
    public static Tensor MinMaxNormalize(Tensor maps)
    {
        using var scope = NewDisposeScope();
        var flat = maps.flatten(1);
        var min = flat.amin([1], keepdim: true);
        var range = flat.amax([1], keepdim: true) - min;
        var normalised = (flat - min) / range.clamp_min(1e-12f);
        return normalised.where(range > 0, zeros_like(normalised)).view_as(maps).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The rank of every pixel [B, H·W] in the order in which pixels are removed: most salient first when
    /// <paramref name="mostSalientFirst"/>, else least salient first; equal saliencies in pixel-index order.
    /// </summary>
    public static Tensor RemovalRanks(Tensor maps, bool mostSalientFirst)
    {
        using var scope = NewDisposeScope();
        var flat = maps.flatten(1);
        var (_, order) = flat.sort(dim: 1, descending: mostSalientFirst, stable: true);
        var positions = arange(flat.shape[1], dtype: int64, device: flat.device).expand_as(order);
        return zeros_like(order).scatter(1, order, positions).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Fair resolution: maps finer than the target layer's grid are averaged down to grid×grid and bilinearly
    /// upsampled back to their size, so they are compared at the baselines' resolution.
    /// </summary>
    public static Tensor ToFeatureGridResolution(Tensor maps, int grid)
    {
        using var scope = NewDisposeScope();
        var size = new long[] { maps.shape[1], maps.shape[2] };
        var coarse = nn.functional.adaptive_avg_pool2d(maps.unsqueeze(1), [grid, grid]);
        var back = nn.functional.interpolate(coarse, size, mode: InterpolationMode.Bilinear, align_corners: false);
        return back.squeeze(1).MoveToOuterDisposeScope();
    }
}

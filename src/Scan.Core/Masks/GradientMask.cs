using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Masks;

/// <summary>
/// Eq. 1: keep the features whose gradient is at or above the P-th percentile of that sample's gradient, computed
/// for a whole batch at once (one sort per batch, no loop over samples).
/// </summary>
/// <remarks>
/// <para>Percentile: numpy's default (<c>np.percentile(v, P, method='linear')</c>). With v sorted ascending and n values,
/// h = (n − 1)·P/100 and q = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋ + 1] − v[⌊h⌋]); so P = 0 gives the minimum, P = 100 the maximum.</para>
/// <para>Positive part (default, the reference code): G = ReLU(∂y/∂F); v = the positive elements of G in that sample
/// (every channel and position, class token included for token features); mask = (G ≥ q) ∧ (G &gt; 0). A sample
/// with no positive gradient gets an all-zero mask.</para>
/// <para>Signed (option, Eq. 1 as written): G = ∂y/∂F; v = every element of G in that sample; mask = G ≥ q. At a
/// high P the threshold is positive and this keeps the same kind of features; at a low P it also keeps features
/// with a negative gradient, which is what makes the option differ from the default.</para>
/// </remarks>
public static class GradientMask
{
    /// <summary>F ⊙ mask for features and gradients of one shape [B, …] and percentiles [B] in [0, 100].</summary>
    public static Tensor Apply(Tensor features, Tensor gradients, Tensor percentiles, bool signedGradients)
    {
        using var scope = NewDisposeScope();
        var mask = Mask(gradients, percentiles, signedGradients);
        return features.mul(mask.to(features.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The masked features SCAN's decoder receives under <paramref name="settings"/>: <see cref="Apply(Tensor, Tensor, Tensor, bool)"/>,
    /// or the features unchanged when <see cref="ScanSettings.UseGradientMask"/> is off (the ablation).
    /// </summary>
    public static Tensor Apply(Tensor features, Tensor gradients, Tensor percentiles, ScanSettings settings) =>
        settings.UseGradientMask ? Apply(features, gradients, percentiles, settings.SignedGradients) : features.alias();

    /// <summary>The boolean mask, same shape as <paramref name="gradients"/>.</summary>
    public static Tensor Mask(Tensor gradients, Tensor percentiles, bool signedGradients)
    {
        using var scope = NewDisposeScope();
        var batch = gradients.shape[0];
        if (percentiles.shape.Length != 1 || percentiles.shape[0] != batch)
        {
            throw new ArgumentException(
                $"percentiles must have shape [{batch}] (one per sample); got [{string.Join(", ", percentiles.shape)}].", nameof(percentiles));
        }
        var flat = gradients.detach().reshape(batch, -1);
        var g = signedGradients ? flat : nn.functional.relu(flat);
        var length = flat.shape[1];
        var sorted = g.sort(dim: 1).Values;

        // The candidates occupy sorted[first .. length − 1]: the positive elements (zeros sort first) or all of them.
        var count = signedGradients ? full(batch, length, dtype: ScalarType.Int64, device: g.device) : g.gt(0).sum(1);
        var first = count.neg().add(length);
        var p = percentiles.to(ScalarType.Float64).to(g.device);
        var h = count.sub(1).to(ScalarType.Float64).mul(p).div(100).clamp_min(0);
        var lowerRank = h.floor();
        var fraction = h.sub(lowerRank);
        var lower = first.add(lowerRank.to(ScalarType.Int64)).clamp(0, length - 1).unsqueeze(1);
        var upper = lower.add(1).clamp_max(length - 1);
        var low = sorted.gather(1, lower).to(ScalarType.Float64).squeeze(1);
        var high = sorted.gather(1, upper).to(ScalarType.Float64).squeeze(1);
        var threshold = low.add(fraction.mul(high.sub(low))).unsqueeze(1);

        var keep = g.to(ScalarType.Float64).ge(threshold);
        if (!signedGradients)
        {
            keep = keep.logical_and(g.gt(0));
        }
        return keep.reshape(gradients.shape).MoveToOuterDisposeScope();
    }
}

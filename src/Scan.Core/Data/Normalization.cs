namespace Scan.Core.Data;

/// <summary>Per-channel mean and standard deviation applied to [0, 1] pixels: (x − mean) / std.</summary>
public sealed record Normalization(float[] Mean, float[] Std)
{
    /// <summary>Fashion-MNIST's training-set statistics on the 28×28 pixels (zero padding to 32×32 is applied before).</summary>
    public static Normalization FashionMnist { get; } = new([0.2860f], [0.3530f]);
}

namespace Scan.Core.Data;

/// <summary>Per-channel mean and standard deviation applied to [0, 1] pixels: (x − mean) / std.</summary>
public sealed record Normalization(float[] Mean, float[] Std)
{
    /// <summary>Fashion-MNIST's training-set statistics on the 28×28 pixels (zero padding to 32×32 is applied before).</summary>
    public static Normalization FashionMnist { get; } = new([0.2860f], [0.3530f]);

    /// <summary>ImageNet's RGB statistics, as torchvision's models use them: the usual choice for natural photographs.</summary>
    public static Normalization ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
}

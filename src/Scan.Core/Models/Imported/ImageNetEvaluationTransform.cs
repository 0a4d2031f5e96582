namespace Scan.Core.Models.Imported;

/// <summary>
/// torchvision's evaluation transform for ImageNet classifiers: the shorter side resized to size/0.875 (256 for 224),
/// a centred size×size crop, ImageNet's mean and standard deviation.
/// </summary>
public static class ImageNetEvaluationTransform
{
    /// <summary>The side the shorter edge is resized to before the crop: 256 for 224, as torchvision's presets.</summary>
    public static int ResizeFor(int cropSize) => (int)Math.Floor(cropSize / 0.875);

    public static string Describe(int cropSize, Data.Normalization? normalization = null) =>
        $"torchvision evaluation transform: shorter side resized to {ResizeFor(cropSize)} (bilinear), centre crop {cropSize}×{cropSize}, RGB, pixel = byte/255, " +
        (normalization is null
            ? "normalised with ImageNet's mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225)"
            : $"normalised with mean ({string.Join(", ", normalization.Mean.Select(m => m.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}) and std ({string.Join(", ", normalization.Std.Select(m => m.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))})");
}

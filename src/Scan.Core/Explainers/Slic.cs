using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// SLIC superpixels (Achanta et al. 2012) for LIME: k-means over (intensities, y, x) with seeds on a regular grid of
/// interval S = √(HW/K), each seed taking the intensities of its nearest pixel, and the distance
/// d² = Σ_c (I_c − μ_c)² + (m/S)²·((y − μ_y)² + (x − μ_x)²), each pixel choosing among the centres within S pixels per
/// axis (SLIC's 2S×2S window). Intensities are the [0, 1] channels (one or three). Seeds are not moved off edges and
/// no connectivity is enforced: a segment of several pieces is one superpixel. Empty clusters are dropped and the
/// labels renumbered 0…n−1 in seed order.
/// </summary>
public static class Slic
{
    public const int DefaultIterations = 10;

    private const float OutsideWindow = 1e6f;

    /// <summary>The seed grid (rows, columns) for <paramref name="segments"/> superpixels on an H×W image.</summary>
    public static (int Rows, int Columns) SeedGrid(int height, int width, int segments)
    {
        var interval = Interval(height, width, segments);
        return (Math.Clamp((int)Math.Round(height / interval), 1, height), Math.Clamp((int)Math.Round(width / interval), 1, width));
    }

    /// <summary>Labels [H, W] (int64, 0…n−1) of an image [C, H, W] and the number n of superpixels.</summary>
    public static (Tensor Labels, int Count) Segment(Tensor image, int segments, double compactness, int iterations = DefaultIterations)
    {
        using var scope = NewDisposeScope();
        var (channels, height, width) = ((int)image.shape[0], (int)image.shape[1], (int)image.shape[2]);
        var device = image.device;
        var interval = Interval(height, width, segments);
        var (rows, columns) = SeedGrid(height, width, segments);

        var ys = arange(height, dtype: float32, device: device).unsqueeze(1).expand(height, width).reshape(-1, 1);
        var xs = arange(width, dtype: float32, device: device).unsqueeze(0).expand(height, width).reshape(-1, 1);
        var pixels = cat([image.to(float32).reshape(channels, -1).t(), ys, xs], 1);
        var scale = compactness / interval;
        var axisWeights = cat([ones(channels, device: device), full(2, scale * scale, device: device)]);

        var seedYs = (arange(rows, dtype: float32, device: device) + 0.5f) * height / rows - 0.5f;
        var seedXs = (arange(columns, dtype: float32, device: device) + 0.5f) * width / columns - 0.5f;
        var seedIndex = (seedYs.round().unsqueeze(1) * width + seedXs.round().unsqueeze(0)).reshape(-1).to(int64);
        var seedPositions = stack([seedYs.unsqueeze(1).expand(rows, columns), seedXs.unsqueeze(0).expand(rows, columns)], 2).reshape(-1, 2);
        var centres = cat([pixels.index_select(0, seedIndex)[.., ..channels], seedPositions], 1);

        var labels = Assign(pixels, centres, axisWeights, channels, (float)interval);
        for (var i = 0; i < iterations; i++)
        {
            var members = nn.functional.one_hot(labels, centres.shape[0]).to(float32);
            var sizes = members.sum([0]).unsqueeze(1);
            centres = where(sizes > 0, members.t().matmul(pixels) / sizes.clamp_min(1), centres);
            labels = Assign(pixels, centres, axisWeights, channels, (float)interval);
        }
        var present = nn.functional.one_hot(labels, centres.shape[0]).sum([0]) > 0;
        var renumbered = present.to(int64).cumsum(0) - 1;
        var count = (int)present.sum().item<long>();
        return (renumbered.index_select(0, labels).reshape(height, width).MoveToOuterDisposeScope(), count);
    }

    private static double Interval(int height, int width, int segments) => Math.Sqrt((double)height * width / segments);

    /// <summary>Each pixel's nearest centre by the SLIC distance, preferring centres within the window.</summary>
    private static Tensor Assign(Tensor pixels, Tensor centres, Tensor axisWeights, int channels, float interval)
    {
        using var scope = NewDisposeScope();
        var difference = pixels.unsqueeze(1) - centres.unsqueeze(0);
        var distance = (difference.square() * axisWeights).sum(2);
        var spatial = difference[.., .., channels..].abs();
        var outside = (spatial > interval).any(2);
        return (distance + outside.to(float32) * OutsideWindow).argmin(1).MoveToOuterDisposeScope();
    }
}

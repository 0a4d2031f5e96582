using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>RISE's random masks and its saliency estimate (Petsiuk et al. 2018).</summary>
public static class RiseMasks
{
    /// <summary>
    /// <paramref name="count"/> masks [N, H, W] in [0, 1] on the CPU, the same for the same seed: an s×s grid of
    /// Bernoulli(p₁) cells, bilinearly upsampled to (s+1)·cell with cell = ⌈H/s⌉ × ⌈W/s⌉, then cropped to H×W at a
    /// random offset of 0 to cell − 1 pixels per axis.
    /// </summary>
    public static Tensor Generate(int count, int grid, double probability, int height, int width, long seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)seed));
        var (cellHeight, cellWidth) = ((height + grid - 1) / grid, (width + grid - 1) / grid);
        var cells = (rand([count, 1, grid, grid], generator: generator) < probability).to(float32);
        var upHeight = (grid + 1) * cellHeight;
        var upWidth = (grid + 1) * cellWidth;
        var upsampled = nn.functional.interpolate(cells, [upHeight, upWidth], mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);
        var shiftY = randint(0, cellHeight, [count], generator: generator);
        var shiftX = randint(0, cellWidth, [count], generator: generator);
        var rows = (shiftY.unsqueeze(1) + arange(height, dtype: int64)).unsqueeze(2).expand(count, height, upWidth);
        var columns = (shiftX.unsqueeze(1) + arange(width, dtype: int64)).unsqueeze(1).expand(count, height, width);
        return upsampled.gather(1, rows).gather(2, columns).clamp(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// RISE's Monte-Carlo saliency [B, H, W] = Σᵢ scores[b, i]·Mᵢ / (N·p₁) for class scores [B, N] of the images
    /// masked by each of the masks [N, H, W].
    /// </summary>
    public static Tensor Saliency(Tensor scores, Tensor masks, double probability)
    {
        using var scope = NewDisposeScope();
        var (count, height, width) = (masks.shape[0], masks.shape[1], masks.shape[2]);
        var weighted = scores.matmul(masks.reshape(count, height * width)) / (count * probability);
        return weighted.reshape(scores.shape[0], height, width).MoveToOuterDisposeScope();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Data;

/// <summary>Turns samples of an <see cref="IImageDataset"/> into one batch of tensors.</summary>
public static class DataBatch
{
    /// <summary>Images float32 [B, C, H, W] in [0, 1] and labels int64 [B], in the order of <paramref name="indices"/>.</summary>
    public static (Tensor Images, Tensor Labels) Load(IImageDataset data, ReadOnlySpan<int> indices, Device? device = null)
    {
        var shape = data.Shape;
        var pixels = new float[indices.Length * shape.Length];
        var labels = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if (index < 0 || index >= data.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Index {index} (batch position {i}) is outside {data.Name}, which has Count = {data.Count}.");
            }
            labels[i] = data.Read(index, pixels.AsSpan(i * shape.Length, shape.Length));
        }
        using var scope = torch.NewDisposeScope();
        var images = torch.tensor(pixels, [indices.Length, shape.Channels, shape.Height, shape.Width], ScalarType.Float32, device);
        var labelTensor = torch.tensor(labels, [indices.Length], ScalarType.Int64, device);
        return (images.MoveToOuterDisposeScope(), labelTensor.MoveToOuterDisposeScope());
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// Light augmentation of a batch [B, C, H, W]: each image shifted by up to <see cref="MaxShift"/> pixels in each
/// direction (zeros come in) and mirrored left-right with probability ½, drawn from the given generator.
/// </summary>
public static class BatchAugmentation
{
    public const int MaxShift = 2;

    public static Tensor Apply(Tensor images, Random random)
    {
        using var scope = NewDisposeScope();
        var (height, width) = (images.shape[2], images.shape[3]);
        var padded = nn.functional.pad(images, [MaxShift, MaxShift, MaxShift, MaxShift]);
        var shifted = new Tensor[images.shape[0]];
        for (var i = 0; i < shifted.Length; i++)
        {
            var top = random.Next(2 * MaxShift + 1);
            var left = random.Next(2 * MaxShift + 1);
            var image = padded[i].narrow(1, top, height).narrow(2, left, width);
            shifted[i] = random.Next(2) == 0 ? image : image.flip(2);
        }
        return stack(shifted).MoveToOuterDisposeScope();
    }
}

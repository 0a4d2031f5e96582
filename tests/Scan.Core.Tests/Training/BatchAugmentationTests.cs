using Scan.Core.Native;
using Scan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

public sealed class BatchAugmentationTests
{
    public BatchAugmentationTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Apply_ScriptedShiftAndFlip_MovesThePixelWhereWorkedOut()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 6, 6);
        image[0, 0, 1, 3] = tensor(1f);

        // Draws: top 0, left 4, flip. Output (y, x) = padded (y + 0, x + 4) = input (y − 2, x + 2), so input (1, 3)
        // lands on (3, 1); the mirror then takes column 1 to 6 − 1 − 1 = 4.
        var augmented = BatchAugmentation.Apply(image, new ScriptedRandom(0, 4, 1));

        Assert.Equal(new long[] { 1, 1, 6, 6 }, augmented.shape);
        Assert.Equal(1f, augmented[0, 0, 3, 4].item<float>());
        Assert.Equal(1f, augmented.sum().item<float>());
    }

    [Fact]
    public void Apply_NoShiftNoFlip_KeepsTheImage()
    {
        using var scope = NewDisposeScope();
        var images = rand(2, 1, 5, 5);

        // Top 2 and left 2 is the centre of the padded image: no shift.
        var augmented = BatchAugmentation.Apply(images, new ScriptedRandom(2, 2, 0, 2, 2, 0));

        Assert.True(augmented.allclose(images, rtol: 0, atol: 0));
    }

    [Fact]
    public void Apply_SameSeed_SameResult()
    {
        using var scope = NewDisposeScope();
        var images = rand(8, 1, 8, 8);

        var first = BatchAugmentation.Apply(images, new Random(5));
        var second = BatchAugmentation.Apply(images, new Random(5));

        Assert.True(first.allclose(second, rtol: 0, atol: 0));
        Assert.False(first.allclose(images, rtol: 0, atol: 0));
    }

    private sealed class ScriptedRandom(params int[] draws) : Random
    {
        private int _next;

        public override int Next(int maxValue)
        {
            var value = draws[_next++];
            Assert.InRange(value, 0, maxValue - 1);
            return value;
        }
    }
}

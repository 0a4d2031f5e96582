using Scan.Core.Data;
using Scan.Core.Explainers;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class RandomMapTests
{
    private static readonly ImageShape Shape = new(1, 4, 4);

    [Fact]
    public void Explain_SameSampleInDifferentBatches_GivesTheSameMap()
    {
        var random = new RandomMap(Shape, 3);
        using var three = zeros(3, 1, 4, 4);
        using var one = zeros(1, 1, 4, 4);
        using var classes = zeros(3, dtype: int64);

        using var batch = random.Explain(three, classes, [5, 6, 7]);
        using var alone = random.Explain(one, classes[..1], [6]);
        using var again = random.Explain(one, classes[..1], [6]);

        Assert.Equal(batch[1].data<float>().ToArray(), alone[0].data<float>().ToArray());
        Assert.Equal(alone.data<float>().ToArray(), again.data<float>().ToArray());
        Assert.NotEqual(batch[0].data<float>().ToArray(), batch[1].data<float>().ToArray());
    }

    [Fact]
    public void Draw_OtherDrawOrSeed_GivesAnotherMapInTheUnitInterval()
    {
        using var images = zeros(1, 1, 4, 4);

        using var first = new RandomMap(Shape, 3).Draw(images, [6], 0);
        using var second = new RandomMap(Shape, 3).Draw(images, [6], 1);
        using var otherSeed = new RandomMap(Shape, 4).Draw(images, [6], 0);

        Assert.Equal(new long[] { 1, 4, 4 }, first.shape);
        Assert.NotEqual(first.data<float>().ToArray(), second.data<float>().ToArray());
        Assert.NotEqual(first.data<float>().ToArray(), otherSeed.data<float>().ToArray());
        Assert.All(first.data<float>().ToArray(), v => Assert.InRange(v, 0f, 1f));
    }
}

using Scan.Grains.Training;

namespace Scan.Grains.Tests.Training;

public class AllReducePlanTests
{
    [Fact]
    public void Segment_TenFloatsThreeWorkers_TilesTheVectorWithHandBoundaries()
    {
        var plan = new AllReducePlan(10, 3, 2);

        Assert.Equal(new[] { new VectorRange(0, 3), new VectorRange(3, 3), new VectorRange(6, 4) }, Enumerable.Range(0, 3).Select(plan.Segment));
        Assert.Equal(new[] { new VectorRange(6, 2), new VectorRange(8, 2) }, plan.Chunks(2));
        Assert.Equal(new[] { new VectorRange(0, 2), new VectorRange(2, 1) }, plan.Chunks(0));
    }

    [Fact]
    public void Chunks_AllRanks_CoverEveryFloatOnceWithinTheChunkLimit()
    {
        var plan = new AllReducePlan(1001, 4, 64);

        var chunks = Enumerable.Range(0, 4).SelectMany(plan.Chunks).ToList();

        Assert.All(chunks, c => Assert.InRange(c.Count, 1, 64));
        Assert.Equal(Enumerable.Range(0, 1001), chunks.SelectMany(c => Enumerable.Range(c.Offset, c.Count)));
    }
}

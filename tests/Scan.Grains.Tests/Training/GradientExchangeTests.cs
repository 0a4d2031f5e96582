using Scan.Grains.Training;

namespace Scan.Grains.Tests.Training;

public class GradientExchangeTests
{
    [Fact]
    public void ReduceSegment_ContributionsInAnyOrder_SumsInRankOrderToHandValues()
    {
        var plan = new AllReducePlan(6, 2, 2);
        var exchange = new GradientExchange(plan, rank: 1);

        exchange.Contribute(1, 3, [10f, 20f, 30f]);
        Assert.False(exchange.SegmentArrived.IsCompleted);
        exchange.Contribute(0, 5, [3f]);
        exchange.Contribute(0, 3, [1f, 2f]);
        Assert.True(exchange.SegmentArrived.IsCompleted);

        Assert.Equal(new[] { 11f, 22f, 33f }, exchange.ReduceSegment().ToArray());
        Assert.False(exchange.ResultArrived.IsCompleted);
        exchange.Gather(0, [7f, 8f, 9f]);
        Assert.True(exchange.ResultArrived.IsCompleted);
        Assert.Equal(new[] { 7f, 8f, 9f, 11f, 22f, 33f }, exchange.Result.ToArray());
    }

    [Fact]
    public void ReduceSegment_FloatRounding_FollowsRankOrderNotArrivalOrder()
    {
        var plan = new AllReducePlan(1, 3, 1);
        var late = new GradientExchange(plan, 2);
        var early = new GradientExchange(plan, 2);

        late.Contribute(2, 0, [-1e8f]);
        late.Contribute(1, 0, [1e8f]);
        late.Contribute(0, 0, [1f]);
        early.Contribute(0, 0, [1f]);
        early.Contribute(1, 0, [1e8f]);
        early.Contribute(2, 0, [-1e8f]);

        // (1 + 1e8) − 1e8 = 0 in float32, whatever order the parts arrived in.
        Assert.Equal(0f, late.ReduceSegment()[0]);
        Assert.Equal(0f, early.ReduceSegment()[0]);
    }

    [Fact]
    public void Contribute_OutsideOwnSegment_ThrowsNamingTheRange()
    {
        var exchange = new GradientExchange(new AllReducePlan(6, 2, 2), rank: 0);

        var error = Assert.Throws<ArgumentException>(() => exchange.Contribute(1, 2, [1f, 2f]));
        Assert.Contains("[2, 4)", error.Message);
    }

    [Fact]
    public void ReduceSegment_BeforeEveryPartArrived_Throws()
    {
        var exchange = new GradientExchange(new AllReducePlan(4, 2, 4), rank: 0);
        exchange.Contribute(0, 0, [1f, 2f]);

        Assert.Throws<InvalidOperationException>(() => exchange.ReduceSegment());
    }

    [Fact]
    public void Bytes_RoundTrip_Exactly()
    {
        float[] values = [1.5f, -0f, float.Epsilon, 3.4e38f];

        Assert.Equal(values, GradientExchange.FromBytes(GradientExchange.ToBytes(values)).ToArray());
        Assert.Equal(16, GradientExchange.ToBytes(values).Length);
    }
}

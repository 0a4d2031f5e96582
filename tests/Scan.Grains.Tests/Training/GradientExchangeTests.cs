using Scan.Grains.Training;

namespace Scan.Grains.Tests.Training;

public class GradientExchangeTests
{
    [Fact]
    public void ReduceSegment_ContributionsInAnyOrder_SumsInRankOrderToHandValues()
    {
        var plan = new AllReducePlan(6, 2, 2);
        var exchange = new GradientExchange(plan, rank: 1);

        exchange.Contribute(1, 3, [10d, 20d, 30d]);
        Assert.False(exchange.SegmentArrived.IsCompleted);
        exchange.Contribute(0, 5, [3d]);
        exchange.Contribute(0, 3, [1d, 2d]);
        Assert.True(exchange.SegmentArrived.IsCompleted);

        Assert.Equal(new[] { 11d, 22d, 33d }, exchange.ReduceSegment().ToArray());
        Assert.False(exchange.ResultArrived.IsCompleted);
        exchange.Gather(0, [7d, 8d, 9d]);
        Assert.True(exchange.ResultArrived.IsCompleted);
        Assert.Equal(new[] { 7d, 8d, 9d, 11d, 22d, 33d }, exchange.Result.ToArray());
    }

    [Fact]
    public void ReduceSegment_FloatRounding_FollowsRankOrderNotArrivalOrder()
    {
        var plan = new AllReducePlan(1, 3, 1);
        var late = new GradientExchange(plan, 2);
        var early = new GradientExchange(plan, 2);

        late.Contribute(2, 0, [-1e17d]);
        late.Contribute(1, 0, [1e17d]);
        late.Contribute(0, 0, [1d]);
        early.Contribute(0, 0, [1d]);
        early.Contribute(1, 0, [1e17d]);
        early.Contribute(2, 0, [-1e17d]);

        // (1 + 1e17) − 1e17 = 0 in float64, whatever order the parts arrived in.
        Assert.Equal(0d, late.ReduceSegment()[0]);
        Assert.Equal(0d, early.ReduceSegment()[0]);
    }

    [Fact]
    public void Contribute_OutsideOwnSegment_ThrowsNamingTheRange()
    {
        var exchange = new GradientExchange(new AllReducePlan(6, 2, 2), rank: 0);

        var error = Assert.Throws<ArgumentException>(() => exchange.Contribute(1, 2, [1d, 2d]));
        Assert.Contains("[2, 4)", error.Message);
    }

    [Fact]
    public void ReduceSegment_BeforeEveryPartArrived_Throws()
    {
        var exchange = new GradientExchange(new AllReducePlan(4, 2, 4), rank: 0);
        exchange.Contribute(0, 0, [1d, 2d]);

        Assert.Throws<InvalidOperationException>(() => exchange.ReduceSegment());
    }

    [Fact]
    public void Bytes_RoundTrip_Exactly()
    {
        double[] values = [1.5, -0d, double.Epsilon, 1.7e308];

        Assert.Equal(values, GradientExchange.FromBytes(GradientExchange.ToBytes(values)).ToArray());
        Assert.Equal(32, GradientExchange.ToBytes(values).Length);
    }
}

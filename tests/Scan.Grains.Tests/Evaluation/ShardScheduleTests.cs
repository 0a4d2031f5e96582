using Scan.Core.Evaluation;
using Scan.Core.Metrics;
using Scan.Grains.Evaluation;

namespace Scan.Grains.Tests.Evaluation;

public class ShardScheduleTests
{
    private static EvaluationTotals Totals(long images) => new(["m"],
        [new MethodTotals(PerturbationCounts.Empty with { Images = images }, ConfidenceChangeCounts.Empty, DropRanking.Empty(1), TimeSpan.FromTicks(images), [])]);

    [Fact]
    public void Shards_TenImagesInFours_HaveHandBounds()
    {
        var schedule = new ShardSchedule(10, 4);

        Assert.Equal(new[] { (0, 4), (4, 4), (8, 2) }, schedule.Shards);
    }

    [Theory]
    [InlineData(500, 2, 500, 250)]
    [InlineData(501, 2, 500, 251)]
    [InlineData(10000, 2, 500, 500)]
    [InlineData(3, 4, 500, 1)]
    [InlineData(0, 2, 500, 1)]
    public void SizeFor_FewImages_GivesEveryWorkerAShard(int images, int workers, int requested, int expected) =>
        Assert.Equal(expected, ShardSchedule.SizeFor(images, workers, requested));

    [Fact]
    public void Retry_FailedShard_IsHandedOutNextAndSumsOnce()
    {
        var schedule = new ShardSchedule(10, 4);
        Assert.True(schedule.TryTake(out var first));
        Assert.True(schedule.TryTake(out var second));

        schedule.Retry(first, new TimeoutException("silo gone"));
        Assert.True(schedule.TryTake(out var again));
        Assert.Equal(first, again);
        schedule.Complete(second, Totals(4));
        schedule.Complete(again, Totals(4));
        Assert.True(schedule.TryTake(out var third));
        schedule.Complete(third, Totals(2));

        Assert.True(schedule.IsComplete);
        Assert.Equal(10, schedule.Sum().PerMethod[0].Perturbation.Images);
        Assert.Equal(10, schedule.ImagesCompleted);
    }

    [Fact]
    public void Retry_AfterMaxAttempts_ThrowsNamingTheShard()
    {
        var schedule = new ShardSchedule(4, 4);
        for (var attempt = 1; attempt < ShardSchedule.MaxAttempts; attempt++)
        {
            Assert.True(schedule.TryTake(out var shard));
            schedule.Retry(shard, new TimeoutException("x"));
        }
        Assert.True(schedule.TryTake(out var last));

        var error = Assert.Throws<InvalidOperationException>(() => schedule.Retry(last, new TimeoutException("gone")));
        Assert.Contains("Shard 0 (images 0–3)", error.Message);
    }
}

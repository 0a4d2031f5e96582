using Scan.Core.Training;

namespace Scan.Core.Tests.Training;

public sealed class WarmupCosineScheduleTests
{
    [Theory]
    // Warm-up of 2 steps: (s + 1) / 2.
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    // Then ½ (1 + cos(π (s − 2) / 4)) over the 4 remaining steps of 6.
    [InlineData(2, 1.0)]
    [InlineData(3, 0.8535534)] // ½ (1 + cos(π/4)) = ½ (1 + 0.7071068)
    [InlineData(4, 0.5)] // ½ (1 + cos(π/2))
    [InlineData(5, 0.1464466)] // ½ (1 + cos(3π/4)) = ½ (1 − 0.7071068)
    [InlineData(6, 0.0)]
    [InlineData(9, 0.0)]
    public void At_Step_FollowsWarmupThenCosine(int step, double expected)
    {
        var schedule = new WarmupCosineSchedule(Peak: 1.0, WarmupSteps: 2, TotalSteps: 6);

        Assert.Equal(expected, schedule.At(step), 6);
    }

    [Fact]
    public void At_NoWarmup_StartsAtPeak()
    {
        var schedule = new WarmupCosineSchedule(Peak: 0.1, WarmupSteps: 0, TotalSteps: 10);

        Assert.Equal(0.1, schedule.At(0), 12);
    }
}

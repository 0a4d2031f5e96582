using Scan.Grains.Training;

namespace Scan.Grains.Tests.Training;

public class GrainTrainingReplicasTests
{
    [Theory]
    [InlineData(40, 16, 2, new[] { 0, 16, 40 })]
    [InlineData(40, 16, 3, new[] { 0, 16, 32, 40 })]
    [InlineData(40, 8, 3, new[] { 0, 8, 24, 40 })]
    [InlineData(10, 32, 3, new[] { 0, 0, 0, 10 })]
    public void Slice_MicroBatchBoundaries_MatchHandValues(int batch, int microBatch, int workers, int[] boundaries)
    {
        var slices = Enumerable.Range(0, workers).Select(r => GrainTrainingReplicas.Slice(batch, microBatch, workers, r)).ToList();

        Assert.Equal(boundaries[..^1], slices.Select(s => s.Start));
        Assert.Equal(boundaries[1..], slices.Select(s => s.End));
    }
}

using Scan.Core.Data;
using Scan.Core.Tests.TestModels;
using Scan.Core.Training;

namespace Scan.Core.Tests.Training;

/// <summary>A batch's gradient computed in parts (as data-parallel workers do) adds up to the whole batch's, bit for bit.</summary>
[Collection(GlobalGeneratorGroup.Name)]
public class MicroBatchGradientTests
{
    private static readonly FashionMnistDataset Train = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Train);

    private static readonly int[] Batch = [.. Enumerable.Range(100, 40)];

    [Fact]
    public void Compute_PartsOnMicroBatchBoundaries_SumToTheWholeBatchExactly()
    {
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions { Seed = 3 });
        var whole = new MicroBatchGradient(trainer, target, Train);
        var first = new MicroBatchGradient(trainer, target, Train);
        var second = new MicroBatchGradient(trainer, target, Train);

        var all = whole.Compute(Batch, epoch: 1, globalBatch: Batch.Length, microBatch: 8);
        var a = first.Compute(Batch.AsSpan(0, 16), epoch: 1, globalBatch: Batch.Length, microBatch: 8);
        var b = second.Compute(Batch.AsSpan(16), epoch: 1, globalBatch: Batch.Length, microBatch: 8);

        var summed = first.Gradient.Zip(second.Gradient, (x, y) => x + y).ToArray();
        Assert.Contains(whole.Gradient, g => g != 0);
        Assert.Equal(whole.Gradient, summed);
        Assert.Equal(all.Loss, a.Loss + b.Loss, 1e-12);
        Assert.Equal(all.AreaSum, a.AreaSum + b.AreaSum, 1e-9);
    }

    [Fact]
    public void Compute_NoSamples_GivesAZeroGradient()
    {
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions { Seed = 3 });
        var share = new MicroBatchGradient(trainer, target, Train);
        share.Compute(Batch, epoch: 1, globalBatch: Batch.Length, microBatch: 8);

        var (loss, area) = share.Compute([], epoch: 1, globalBatch: Batch.Length, microBatch: 8);

        Assert.All(share.Gradient, g => Assert.Equal(0, g));
        Assert.Equal((0.0, 0.0), (loss, area));
    }
}

using Scan.Core.Data;
using Scan.Core.Native;
using TorchSharp;

namespace Scan.Core.Tests.Data;

public sealed class DataBatchTests
{
    public DataBatchTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Load_ThreeIndices_GivesImagesBCHWAndInt64LabelsInIndexOrder()
    {
        var (images, labels) = DataBatch.Load(new CountingDataset(5), [4, 0, 2]);
        using var _ = images;
        using var __ = labels;

        Assert.Equal([3L, 2, 2, 3], images.shape);
        Assert.Equal(torch.ScalarType.Float32, images.dtype);
        Assert.Equal(torch.ScalarType.Int64, labels.dtype);
        Assert.Equal([40L, 0, 20], labels.data<long>().ToArray());
        // Sample 4, channel 1, row 1, column 2 is pixel p = 1·6 + 1·3 + 2 = 11 → 4 + 0.11.
        Assert.Equal(4.11f, images[0, 1, 1, 2].item<float>(), 5);
        // Sample 0, pixel 0 → 0; sample 2, pixel 5 (channel 0, row 1, column 2) → 2.05.
        Assert.Equal(0f, images[1, 0, 0, 0].item<float>());
        Assert.Equal(2.05f, images[2, 0, 1, 2].item<float>(), 5);
    }

    [Fact]
    public void Load_NoIndices_GivesEmptyBatch()
    {
        var (images, labels) = DataBatch.Load(new CountingDataset(5), []);
        using var _ = images;
        using var __ = labels;

        Assert.Equal([0L, 2, 2, 3], images.shape);
        Assert.Equal([0L], labels.shape);
    }

    [Fact]
    public void Load_IndexEqualToCount_ThrowsNamingIndexAndCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DataBatch.Load(new CountingDataset(5), [1, 5]));

        Assert.Contains("Index 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("Count = 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NegativeIndex_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataBatch.Load(new CountingDataset(5), [-1]));
    }
}

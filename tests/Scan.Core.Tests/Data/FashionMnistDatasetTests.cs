using Scan.Core.Data;

namespace Scan.Core.Tests.Data;

public sealed class FashionMnistDatasetTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_SyntheticImage_ZeroPadsByTwoAndScalesBy255(bool gzip)
    {
        var pixels = new byte[2 * 28 * 28];
        pixels[0] = 255;                   // image 0, (0, 0)
        pixels[(3 * 28) + 4] = 102;        // image 0, (3, 4)
        pixels[(27 * 28) + 27] = 51;       // image 0, (27, 27)
        pixels[784 + (10 * 28) + 20] = 1;  // image 1, (10, 20)
        WriteSplit("t10k", IdxTestFiles.Images(2, 28, 28, pixels), IdxTestFiles.Labels([7, 3]), gzip);
        var data = FashionMnistDataset.Load(_directory.Path, DataSplit.Test);
        var image = new float[32 * 32];

        var label = data.Read(0, image);

        Assert.Equal(7, label);
        Assert.Equal(new ImageShape(1, 32, 32), data.Shape);
        Assert.Equal(0f, image[0]);                        // padded (0, 0)
        Assert.Equal(1f, image[(2 * 32) + 2]);             // (0, 0) → (2, 2): 255 / 255 = 1
        Assert.Equal(0.4f, image[(5 * 32) + 6], 6);        // (3, 4) → (5, 6): 102 / 255 = 0.4
        Assert.Equal(0.2f, image[(29 * 32) + 29], 6);      // (27, 27) → (29, 29): 51 / 255 = 0.2
        Assert.Equal(1.6f, image.Sum(), 5);                // 1 + 0.4 + 0.2: every other pixel is 0
        Assert.Equal(3, data.Read(1, image));
        Assert.Equal(1f / 255f, image[(12 * 32) + 22]);    // image 1, (10, 20) → (12, 22)
        Assert.Equal(1f / 255f, image.Sum(), 6);           // the previous image's pixels were cleared
    }

    [Fact]
    public void Load_TrainSplit_ReadsTrainFiles()
    {
        WriteSplit("train", IdxTestFiles.Images(3, 28, 28, new byte[3 * 784]), IdxTestFiles.Labels([0, 1, 2]), gzip: true);
        WriteSplit("t10k", IdxTestFiles.Images(1, 28, 28, new byte[784]), IdxTestFiles.Labels([5]), gzip: true);

        Assert.Equal(3, FashionMnistDataset.Load(_directory.Path, DataSplit.Train).Count);
        Assert.Equal(1, FashionMnistDataset.Load(_directory.Path, DataSplit.Test).Count);
    }

    [Fact]
    public void Load_FewerLabelsThanImages_ThrowsNamingLabelFile()
    {
        WriteSplit("t10k", IdxTestFiles.Images(2, 28, 28, new byte[2 * 784]), IdxTestFiles.Labels([1]), gzip: false);

        var error = Assert.Throws<ScanInputException>(() => FashionMnistDataset.Load(_directory.Path, DataSplit.Test));

        Assert.Contains(_directory.File("t10k-labels-idx1-ubyte"), error.Message, StringComparison.Ordinal);
        Assert.Contains("1 labels for the 2 images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ImagesNot28By28_ThrowsNamingImageFile()
    {
        WriteSplit("t10k", IdxTestFiles.Images(1, 32, 32, new byte[1024]), IdxTestFiles.Labels([1]), gzip: true);

        var error = Assert.Throws<ScanInputException>(() => FashionMnistDataset.Load(_directory.Path, DataSplit.Test));

        Assert.Contains(_directory.File("t10k-images-idx3-ubyte.gz"), error.Message, StringComparison.Ordinal);
        Assert.Contains("32×32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LabelAboveNine_ThrowsNamingLabelFile()
    {
        WriteSplit("t10k", IdxTestFiles.Images(2, 28, 28, new byte[2 * 784]), IdxTestFiles.Labels([3, 10]), gzip: false);

        var error = Assert.Throws<ScanInputException>(() => FashionMnistDataset.Load(_directory.Path, DataSplit.Test));

        Assert.Contains(_directory.File("t10k-labels-idx1-ubyte"), error.Message, StringComparison.Ordinal);
        Assert.Contains("label 10 at index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LabelFileMissing_ThrowsNamingIt()
    {
        IdxTestFiles.Write(_directory.File("t10k-images-idx3-ubyte.gz"), IdxTestFiles.Images(1, 28, 28, new byte[784]), gzip: true);

        var error = Assert.Throws<ScanInputException>(() => FashionMnistDataset.Load(_directory.Path, DataSplit.Test));

        Assert.Contains(_directory.File("t10k-labels-idx1-ubyte.gz"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingIt()
    {
        var missing = _directory.File("nowhere");

        var error = Assert.Throws<ScanInputException>(() => FashionMnistDataset.Load(missing, DataSplit.Train));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IndexEqualToCount_ThrowsArgumentOutOfRange()
    {
        WriteSplit("t10k", IdxTestFiles.Images(1, 28, 28, new byte[784]), IdxTestFiles.Labels([5]), gzip: false);
        var data = FashionMnistDataset.Load(_directory.Path, DataSplit.Test);

        Assert.Throws<ArgumentOutOfRangeException>(() => data.Read(1, new float[1024]));
    }

    [Fact]
    public void Load_RealTestSplit_HasTenThousandImagesAThousandPerClass()
    {
        var data = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Test);
        var perClass = new int[10];
        var image = new float[data.Shape.Length];
        for (var i = 0; i < data.Count; i++)
        {
            perClass[data.Read(i, image)]++;
        }

        Assert.Equal(10_000, data.Count);
        Assert.All(perClass, count => Assert.Equal(1_000, count));
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], data.ClassNames);
    }

    [Fact]
    public void Load_RealTrainSplit_HasSixtyThousandImagesWithLabelsZeroToNine()
    {
        var data = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Train);
        var image = new float[data.Shape.Length];
        var labels = Enumerable.Range(0, data.Count).Select(i => data.Read(i, image)).ToHashSet();

        Assert.Equal(60_000, data.Count);
        Assert.Equal(Enumerable.Range(0, 10), labels.Order());
    }

    private void WriteSplit(string prefix, byte[] images, byte[] labels, bool gzip)
    {
        var suffix = gzip ? ".gz" : "";
        IdxTestFiles.Write(_directory.File($"{prefix}-images-idx3-ubyte{suffix}"), images, gzip);
        IdxTestFiles.Write(_directory.File($"{prefix}-labels-idx1-ubyte{suffix}"), labels, gzip);
    }
}

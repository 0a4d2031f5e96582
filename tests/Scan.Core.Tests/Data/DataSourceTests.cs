using Scan.Core.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Tests.Data;

public sealed class DataSourceTests : IDisposable
{
    private static readonly ImageShape Gray32 = new(1, 32, 32);

    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private void WriteImage(string relative, Rgb24 colour)
    {
        var path = _root.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgb24>(12, 12, colour);
        image.SaveAsPng(path);
    }

    [Fact]
    public void Open_FashionMnistDirectory_ReadsTheIdxSplit()
    {
        var test = DataSource.Open(FashionMnistDataset.DefaultDirectory, DataSplit.Test, Gray32, skipBadFiles: false);

        Assert.IsType<FashionMnistDataset>(test);
        Assert.Equal(10_000, test.Count);
    }

    [Fact]
    public void Open_ImageFolderWithValSplit_ReadsItAtTheTargetShape()
    {
        WriteImage("val/cat/a.png", new Rgb24(255, 255, 255));
        WriteImage("val/dog/b.png", new Rgb24(0, 0, 0));
        WriteImage("train/cat/c.png", new Rgb24(0, 0, 0));

        var test = DataSource.Open(_root.Path, DataSplit.Test, Gray32, skipBadFiles: false);
        var train = DataSource.Open(_root.Path, DataSplit.Train, Gray32, skipBadFiles: false);

        Assert.Equal(2, test.Count);
        Assert.Equal(1, train.Count);
        Assert.Equal(Gray32, test.Shape);
        var pixels = new float[Gray32.Length];
        Assert.Equal(0, test.Read(0, pixels));
        Assert.Equal(1f, pixels[100], 3);
    }

    [Fact]
    public void Open_BadFileWithSkip_WarnsWithTheCountAndTheFile()
    {
        WriteImage("test/cat/a.png", new Rgb24(255, 255, 255));
        File.WriteAllText(_root.File("test/cat/broken.png"), "not a png");
        var warnings = new List<string>();

        var test = DataSource.Open(_root.Path, DataSplit.Test, Gray32, skipBadFiles: true, warnings.Add);

        Assert.Equal(1, test.Count);
        var warning = Assert.Single(warnings);
        Assert.Contains("skipped 1 bad file", warning);
        Assert.Contains("broken.png", warning);
    }

    [Fact]
    public void Open_DirectoryWithNeitherLayout_NamesWhatIsExpected()
    {
        var error = Assert.Throws<ScanInputException>(() => DataSource.Open(_root.Path, DataSplit.Train, Gray32, skipBadFiles: false));

        Assert.Contains(_root.Path, error.Message);
        Assert.Contains("train/", error.Message);
    }

    [Fact]
    public void Open_MissingDirectory_SaysSo()
    {
        var missing = _root.File("nothing-here");

        var error = Assert.Throws<ScanInputException>(() => DataSource.Open(missing, DataSplit.Train, Gray32, skipBadFiles: false));

        Assert.Contains(missing, error.Message);
    }
}

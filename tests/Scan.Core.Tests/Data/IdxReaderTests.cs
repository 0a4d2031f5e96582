using Scan.Core.Data;

namespace Scan.Core.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_ValidFile_ReturnsSizesAndBytes(bool gzip)
    {
        byte[] pixels = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var path = IdxTestFiles.Write(_directory.File("images"), IdxTestFiles.Images(2, 2, 3, pixels), gzip);

        var images = IdxReader.ReadImages(path);

        Assert.Equal((2, 2, 3), (images.Count, images.Rows, images.Columns));
        Assert.Equal(pixels, images.Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_ValidFile_ReturnsBytes(bool gzip)
    {
        var path = IdxTestFiles.Write(_directory.File("labels"), IdxTestFiles.Labels([9, 0, 4]), gzip);

        Assert.Equal([9, 0, 4], IdxReader.ReadLabels(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_FewerBytesThanHeaderPromises_ThrowsNamingFile(bool gzip)
    {
        // The header promises 2·2·3 = 12 pixel bytes; only 11 follow.
        var content = IdxTestFiles.Images(2, 2, 3, new byte[12])[..^1];
        var path = IdxTestFiles.Write(_directory.File("short-images"), content, gzip);

        var error = Assert.Throws<ScanInputException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_HeaderCutShort_ThrowsNamingFile()
    {
        var path = IdxTestFiles.Write(_directory.File("header"), IdxTestFiles.Images(1, 1, 1, [0])[..10], gzip: false);

        var error = Assert.Throws<ScanInputException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_GzipStreamCutInHalf_ThrowsNamingFile()
    {
        var whole = _directory.File("whole.gz");
        IdxTestFiles.Write(whole, IdxTestFiles.Images(4, 10, 10, Enumerable.Range(0, 400).Select(i => (byte)(i * 7)).ToArray()), gzip: true);
        var compressed = File.ReadAllBytes(whole);
        var path = _directory.File("half.gz");
        File.WriteAllBytes(path, compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<ScanInputException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_MoreBytesThanHeaderPromises_ThrowsNamingFile()
    {
        // The header promises 1·2·2 = 4 pixel bytes; 5 follow.
        var content = IdxTestFiles.Images(1, 2, 2, [1, 2, 3, 4, 5]);
        var path = IdxTestFiles.Write(_directory.File("long"), content, gzip: false);

        var error = Assert.Throws<ScanInputException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_LabelFileGiven_ThrowsWrongMagicNamingFile()
    {
        var path = IdxTestFiles.Write(_directory.File("labels-as-images"), IdxTestFiles.Labels([1, 2]), gzip: false);

        var error = Assert.Throws<ScanInputException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("0x00000801", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_TextFile_ThrowsWrongMagicNamingFile()
    {
        var path = _directory.File("notes.txt");
        File.WriteAllText(path, "not an idx file");

        var error = Assert.Throws<ScanInputException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_MissingFile_ThrowsNamingFile()
    {
        var path = _directory.File("absent-labels");

        var error = Assert.Throws<ScanInputException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }
}

using Scan.Core.Data;
using Scan.Core.Tests.TestModels;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Tests.Data;

public sealed class ImageFolderDatasetTests : IDisposable
{
    private static readonly ImageFolderOptions Rgb32 = new() { Channels = 3, Height = 32, Width = 32 };

    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Load_ImageNetLayout_SortsClassesAndFilesOrdinallyAndInterleavesTheClasses()
    {
        WriteSolid("class_b/z.jpg", 40, 30, new Rgb24(0, 0, 255));
        WriteSolid("class_a/b.png", 8, 8, new Rgb24(0, 255, 0));
        WriteSolid("class_a/a.png", 8, 8, new Rgb24(255, 0, 0));
        WriteSolid("class_a/B.png", 8, 8, new Rgb24(255, 255, 255));
        WriteSolid("class_b/nested/y.JPEG", 16, 16, new Rgb24(0, 0, 255));
        File.WriteAllText(_root.File("class_a/readme.txt"), "ignored: not an image extension");

        var data = ImageFolderDataset.Load(_root.Path, Rgb32);

        Assert.Equal(["class_a", "class_b"], data.ClassNames);
        Assert.Equal(5, data.Count);
        // Ordinal: "B.png" < "a.png" < "b.png"; "nested/y.JPEG" < "z.jpg"; then each class's first file, each class's second, …
        string[] expected = ["class_a/B.png", "class_b/nested/y.JPEG", "class_a/a.png", "class_b/z.jpg", "class_a/b.png"];
        Assert.Equal(expected.Select(_root.File), Enumerable.Range(0, data.Count).Select(data.PathOf));
        var image = new float[3 * 32 * 32];
        Assert.Equal([0, 1, 0, 1, 0], Enumerable.Range(0, data.Count).Select(i => data.Read(i, image)));
        Assert.Empty(data.SkippedFiles);
    }

    [Fact]
    public void Read_ThreeChannels_ResizesSolidImageTo32And255Scale()
    {
        WriteSolid("only/solid.png", 64, 48, new Rgb24(255, 51, 0));
        var data = ImageFolderDataset.Load(_root.Path, Rgb32);
        var image = new float[3 * 32 * 32];

        data.Read(0, image);

        Assert.Equal(new ImageShape(3, 32, 32), data.Shape);
        // Channel-major: R plane 255/255 = 1, G plane 51/255 = 0.2, B plane 0.
        Assert.All(image[..1024], value => Assert.Equal(1f, value));
        Assert.All(image[1024..2048], value => Assert.Equal(0.2f, value, 6));
        Assert.All(image[2048..], value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Read_OneChannel_GivesBt709Luminance()
    {
        WriteSolid("only/red.png", 10, 10, new Rgb24(255, 0, 0));
        WriteSolid("only/x-gray.png", 10, 10, new Rgb24(102, 102, 102));
        var data = ImageFolderDataset.Load(_root.Path, Rgb32 with { Channels = 1 });
        var image = new float[32 * 32];

        data.Read(0, image);
        // 0.2126·255 = 54.2 → 54, / 255 = 0.2118.
        Assert.All(image, value => Assert.Equal(54 / 255f, value, 6));
        data.Read(1, image);
        // Gray stays gray: 102 / 255 = 0.4.
        Assert.All(image, value => Assert.Equal(0.4f, value, 6));
    }

    [Fact]
    public void Read_TwoPixelRamp_InterpolatesBilinearly()
    {
        using (var ramp = new Image<L8>(2, 1))
        {
            ramp[0, 0] = new L8(0);
            ramp[1, 0] = new L8(255);
            Directory.CreateDirectory(_root.File("ramp"));
            ramp.SaveAsPng(_root.File("ramp/ramp.png"));
        }
        var data = ImageFolderDataset.Load(_root.Path, new ImageFolderOptions { Channels = 1, Height = 1, Width = 4 });
        var image = new float[4];

        data.Read(0, image);

        // Output pixel x samples source x' = (x + 0.5) / 2 − 0.5: −0.25, 0.25, 0.75, 1.25; a triangle kernel
        // clamped to the two pixels gives 0, 0.75·0 + 0.25·1, 0.25·0 + 0.75·1, 1.
        Assert.Equal([0f, 0.25f, 0.75f, 1f], image, new ToleranceComparer(1.5f / 255));
    }

    [Fact]
    public void Load_TextInPngFile_ThrowsNamingFile()
    {
        WriteSolid("cats/good.png", 8, 8, new Rgb24(1, 2, 3));
        var bad = WriteText("cats/bad.png", "this is not an image");

        var error = Assert.Throws<ScanInputException>(() => ImageFolderDataset.Load(_root.Path, Rgb32));

        Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a JPEG or PNG image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadFilesWithSkipBadFiles_LeavesThemOutAndListsThem()
    {
        WriteSolid("cats/good.png", 8, 8, new Rgb24(1, 2, 3));
        var text = WriteText("cats/bad.png", "this is not an image");
        var empty = WriteText("dogs/empty.jpg", "");
        WriteSolid("dogs/good.jpg", 8, 8, new Rgb24(1, 2, 3));

        var data = ImageFolderDataset.Load(_root.Path, Rgb32 with { SkipBadFiles = true });

        Assert.Equal(2, data.Count);
        Assert.Equal([text, empty], data.SkippedFiles.Select(file => file.Path));
        Assert.All(data.SkippedFiles, file => Assert.NotEmpty(file.Reason));
        Assert.Equal([_root.File("cats/good.png"), _root.File("dogs/good.jpg")], [data.PathOf(0), data.PathOf(1)]);
    }

    [Fact]
    public void Load_ImageAboveMaxPixels_ThrowsBeforeDecoding()
    {
        var big = WriteSolid("big/wide.png", 20, 10, new Rgb24(9, 9, 9));

        var error = Assert.Throws<ScanInputException>(() => ImageFolderDataset.Load(_root.Path, Rgb32 with { MaxPixels = 199 }));

        // 20 × 10 = 200 pixels > 199.
        Assert.Contains(big, error.Message, StringComparison.Ordinal);
        Assert.Contains("20×10 = 200 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PngWithDamagedPixelData_ThrowsNamingFile()
    {
        var path = WriteSolid("cut/cut.png", 64, 64, new Rgb24(200, 10, 10));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var data = ImageFolderDataset.Load(_root.Path, Rgb32);

        var error = Assert.Throws<ScanInputException>(() => data.Read(0, new float[3 * 32 * 32]));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-bad-files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedBodyWithSkipBadFiles_LeavesItOutAndCountsIt()
    {
        var path = WriteSolid("cut/cut.png", 64, 64, new Rgb24(200, 10, 10));
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..60]);
        var good = WriteSolid("cut/good.png", 8, 8, new Rgb24(1, 2, 3));

        var data = ImageFolderDataset.Load(_root.Path, Rgb32 with { SkipBadFiles = true });

        Assert.Equal([good], Enumerable.Range(0, data.Count).Select(data.PathOf));
        Assert.Equal([path], data.SkippedFiles.Select(file => file.Path));
        Assert.Contains("cannot decode", data.SkippedFiles[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TargetClasses_LabelFoldersByNameNotBySortedOrder()
    {
        WriteSolid("cat/a.png", 8, 8, new Rgb24(1, 2, 3));
        WriteSolid("dog/a.png", 8, 8, new Rgb24(1, 2, 3));

        var data = ImageFolderDataset.Load(_root.Path, Rgb32 with { ClassNames = ["bird", "dog", "cat"] });

        Assert.Equal(["bird", "dog", "cat"], data.ClassNames);
        // Interleaved by label: dog (1) comes before cat (2).
        Assert.Equal([(_root.File("dog/a.png"), 1), (_root.File("cat/a.png"), 2)],
            Enumerable.Range(0, data.Count).Select(i => (data.PathOf(i), data.Read(i, new float[3 * 32 * 32]))));
    }

    [Fact]
    public void Load_FoldersThatAreNotTargetClasses_AreRefusedNamingThem()
    {
        WriteSolid("cat/a.png", 8, 8, new Rgb24(1, 2, 3));
        WriteSolid("0-cat/a.png", 8, 8, new Rgb24(1, 2, 3));
        WriteSolid("horse/a.png", 8, 8, new Rgb24(1, 2, 3));

        var error = Assert.Throws<ScanInputException>(() => ImageFolderDataset.Load(_root.Path, Rgb32 with { ClassNames = ["cat", "dog"] }));

        Assert.Contains("class folders '0-cat', 'horse' are not among the target's 2 classes (cat, dog)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingRoot_ThrowsNamingIt()
    {
        var missing = _root.File("absent");

        var error = Assert.Throws<ScanInputException>(() => ImageFolderDataset.Load(missing, Rgb32));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RootWithoutClassFolders_ThrowsNamingIt()
    {
        WriteText("loose.png", "a file directly in the root");

        var error = Assert.Throws<ScanInputException>(() => ImageFolderDataset.Load(_root.Path, Rgb32));

        Assert.Contains(_root.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("no class folders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClassFolderWithoutImages_ThrowsNamingIt()
    {
        WriteSolid("full/a.png", 4, 4, new Rgb24(0, 0, 0));
        WriteText("hollow/notes.txt", "no images here");

        var error = Assert.Throws<ScanInputException>(() => ImageFolderDataset.Load(_root.Path, Rgb32));

        Assert.Contains(_root.File("hollow"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoChannels_ThrowsNamingOption()
    {
        var error = Assert.Throws<ScanInputException>(() => ImageFolderDataset.Load(_root.Path, Rgb32 with { Channels = 2 }));

        Assert.Contains("Channels = 2", error.Message, StringComparison.Ordinal);
    }

    private string WriteSolid(string relativePath, int width, int height, Rgb24 color)
    {
        var path = _root.File(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgb24>(width, height, color);
        image.Save(path);
        return path;
    }

    private string WriteText(string relativePath, string text)
    {
        var path = _root.File(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}

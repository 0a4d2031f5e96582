using System.Globalization;
using Scan.Core.Data;
using Scan.Core.Data.Natural;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Tests.Data;

/// <summary>Fashion-MNIST on natural backgrounds: layout, determinism, held-out background regions, masks.</summary>
public sealed class NaturalBackgroundSetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scan-natural-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Make(string name, long seed)
    {
        var output = Path.Combine(_directory, name);
        using var photos = BackgroundPhotos.Load(BackgroundPhotos.DebianDirectory, BackgroundPhotos.DebianPhotos);
        NaturalBackgroundSet.Generate(FashionMnistDataset.DefaultDirectory, photos, output, seed, limit: 40);
        return output;
    }

    [Fact]
    public void Generate_SameSeed_SameBytesAndAnImageFolderWithFashionMnistLabels()
    {
        var first = Make("a", seed: 5);
        var second = Make("b", seed: 5);
        var other = Make("c", seed: 6);

        var files = Directory.GetFiles(first, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2 * 40 * 2, files.Count);
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first, f)), File.ReadAllBytes(Path.Combine(second, f))));
        Assert.Contains(files, f => !File.ReadAllBytes(Path.Combine(first, f)).SequenceEqual(File.ReadAllBytes(Path.Combine(other, f))));

        var folder = ImageFolderDataset.Load(Path.Combine(first, "train"), new ImageFolderOptions { Channels = 3, Height = 64, Width = 64 });
        var fashion = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Train);
        Assert.Equal(NaturalBackgroundSet.ClassFolders, folder.ClassNames);
        var pixels = new float[3 * 64 * 64];
        var padded = new float[32 * 32];
        for (var i = 0; i < folder.Count; i++)
        {
            var index = int.Parse(Path.GetFileNameWithoutExtension(folder.PathOf(i)), CultureInfo.InvariantCulture);
            Assert.Equal(fashion.Read(index, padded), folder.Read(i, pixels));
        }
    }

    [Fact]
    public void Generate_Backgrounds_TestCropsOnlyFromTheTestRegions_MasksMatchTheRecord()
    {
        var output = Make("d", seed: 1);
        using var photos = BackgroundPhotos.Load(BackgroundPhotos.DebianDirectory, BackgroundPhotos.DebianPhotos);

        foreach (var line in File.ReadAllLines(Path.Combine(output, "samples.csv")).Skip(1))
        {
            var f = line.Split(',');
            var (training, photo, x, side) = (f[0] == "train", BackgroundPhotos.DebianPhotos.ToList().IndexOf(f[3]), int.Parse(f[4], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture));
            var (from, to) = photos.Region(photo, training);
            Assert.True(x >= from && x + side <= to, $"{line}: crop outside [{from}, {to})");
            var mask = Path.Combine(output, NaturalBackgroundSet.MasksFolder, f[0], NaturalBackgroundSet.ClassFolders[int.Parse(f[2], CultureInfo.InvariantCulture)], $"{int.Parse(f[1], CultureInfo.InvariantCulture):D5}.png");
            using var png = Image.Load<L8>(mask);
            var values = Enumerable.Range(0, 64 * 64).Select(p => png[p % 64, p / 64].PackedValue).ToList();
            Assert.All(values, v => Assert.True(v is 0 or 255));
            Assert.Equal(int.Parse(f[9], CultureInfo.InvariantCulture), values.Count(v => v == 255));
            Assert.InRange(values.Count(v => v == 255), 1, NaturalBackgroundSet.ItemSize * NaturalBackgroundSet.ItemSize);
        }
    }

    [Fact]
    public void Compose_HandCase_ItemOverBackgroundBySilhouette()
    {
        var background = Enumerable.Repeat(0.5f, 3 * 64 * 64).ToArray();
        var item = new float[28 * 28];
        Array.Fill(item, 1f, 0, 28 * 14); // the top half of the item is white, the bottom half empty
        var sample = new NaturalSample(0, 0, 0, 64, 10, 20, [1f, 0.5f, 0.6f]);

        var (image, mask) = NaturalBackgroundSet.Compose(background, item, sample);

        // Inside the item's top half: the tinted item; far below it: the background; outside the item: untouched.
        Assert.Equal([1f, 0.5f, 0.6f], [image[(25 * 64) + 20], image[4096 + (25 * 64) + 20], image[8192 + (25 * 64) + 20]]);
        Assert.True(mask[(25 * 64) + 20]);
        Assert.False(mask[(55 * 64) + 20]);
        Assert.Equal(0.5f, image[(55 * 64) + 20]);
        Assert.Equal(0.5f, image[(5 * 64) + 5]);
    }

    [Fact]
    public void Load_MissingPhoto_NamesItAndThePackage()
    {
        var error = Assert.Throws<ScanInputException>(() => BackgroundPhotos.Load(_directory, ["none.png"]));

        Assert.Contains("none.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("python3-skimage", error.Message, StringComparison.Ordinal);
    }
}

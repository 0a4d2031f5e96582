using Scan.Core.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Tests.Data;

/// <summary>A user's image read into a padded grayscale target (Fashion-MNIST's 28×28 padded to 32×32) as training reads its images.</summary>
public sealed class ImageReadingTests : IDisposable
{
    private static readonly ImageShape Padded = new(1, 32, 32);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ReadChecked_ThePngOfAFashionMnistTestImage_GivesExactlyThatTestImage()
    {
        var test = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Test);
        var expected = new float[Padded.Length];
        test.Read(0, expected);
        using (var png = new Image<L8>(28, 28))
        {
            for (var y = 0; y < 28; y++)
            {
                for (var x = 0; x < 28; x++)
                {
                    png[x, y] = new L8((byte)Math.Round(expected[((y + 2) * 32) + x + 2] * 255));
                }
            }
            png.SaveAsPng(_directory.File("test-0.png"));
        }
        var read = new float[Padded.Length];

        var reading = ImageFileReader.ReadChecked(_directory.File("test-0.png"), Padded, read, padding: 2);

        Assert.Equal(expected, read);
        Assert.Equal(["padded it with 2 black pixels on every side to 32×32, as the training images were"], reading.Changes);
    }

    [Fact]
    public void ReadChecked_AWideColourPhoto_KeepsItsAspectRatioCentredOnBlackAndSaysWhatItDid()
    {
        using (var photo = new Image<Rgb24>(640, 320, new Rgb24(200, 40, 40)))
        {
            photo.SaveAsPng(_directory.File("wide.png"));
        }
        var read = new float[Padded.Length];

        var reading = ImageFileReader.ReadChecked(_directory.File("wide.png"), Padded, read, padding: 2);

        // 640×320 fits 28×28 as 28×14: rows 2 + 7 … 2 + 20 carry the photo, the rows above and below are black.
        float Pixel(int x, int y) => read[(y * 32) + x];
        Assert.Equal(0f, Pixel(16, 8));
        Assert.Equal(0f, Pixel(16, 23));
        Assert.Equal(0f, Pixel(1, 16));
        Assert.InRange(Pixel(16, 16), 0.2f, 0.5f);
        Assert.Equal((640, 320), (reading.Width, reading.Height));
        Assert.Equal([
            "turned its colours to grey (the target takes one channel)",
            "resized it to 28×14 (aspect ratio kept) and centred it on black at 28×28",
            "padded it with 2 black pixels on every side to 32×32, as the training images were",
        ], reading.Changes);
    }

    [Fact]
    public void ReadChecked_AnImageAlreadyTheTargetsSize_ChangesNothing()
    {
        using (var image = new Image<Rgb24>(32, 32, new Rgb24(10, 20, 30)))
        {
            image.SaveAsPng(_directory.File("exact.png"));
        }

        var reading = ImageFileReader.ReadChecked(_directory.File("exact.png"), new ImageShape(3, 32, 32), new float[3 * 32 * 32]);

        Assert.Empty(reading.Changes);
    }
}

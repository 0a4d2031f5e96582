using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Scan.Core.Data.Natural;

/// <summary>
/// The photographs that natural backgrounds are cropped from, each split into a training region (its left three
/// quarters) and a test region (its right quarter), so that no test background shows a pixel seen in training.
/// </summary>
public sealed class BackgroundPhotos : IDisposable
{
    /// <summary>Where Debian's python3-skimage keeps its sample images.</summary>
    public const string DebianDirectory = "/usr/lib/python3/dist-packages/skimage/data";

    /// <summary>The real photographs among those samples (colour and grey); drawings, charts and text pages are left out.</summary>
    public static readonly IReadOnlyList<string> DebianPhotos =
    [
        "astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg", "motorcycle_left.png", "hubble_deep_field.jpg", "ihc.png",
        "retina.jpg", "brick.png", "camera.png", "grass.png", "gravel.png", "moon.png", "coins.png",
    ];

    /// <summary>The share of each photo's width, from the left, that training crops come from.</summary>
    public const double TrainingShare = 0.75;

    private readonly List<Image<Rgb24>> _images;

    private BackgroundPhotos(List<Image<Rgb24>> images, IReadOnlyList<string> names) => (_images, Names) = (images, names);

    public IReadOnlyList<string> Names { get; }

    public int Count => _images.Count;

    /// <summary>Loads <paramref name="files"/> from <paramref name="directory"/>; a missing one is an input error naming it and the package.</summary>
    public static BackgroundPhotos Load(string directory, IReadOnlyList<string> files)
    {
        var images = new List<Image<Rgb24>>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                images.ForEach(i => i.Dispose());
                throw new ScanInputException($"{path}: background photo missing (Debian's python3-skimage ships it: apt-get install python3-skimage).");
            }
            images.Add(Image.Load<Rgb24>(path));
        }
        return new BackgroundPhotos(images, files);
    }

    /// <summary>The x range [from, to) of photo <paramref name="photo"/> that crops of <paramref name="training"/> data may cover.</summary>
    public (int From, int To) Region(int photo, bool training)
    {
        var width = _images[photo].Width;
        var split = (int)(width * TrainingShare);
        return training ? (0, split) : (split, width);
    }

    public int Height(int photo) => _images[photo].Height;

    /// <summary>The largest square crop side that fits photo <paramref name="photo"/>'s region.</summary>
    public int MaxSide(int photo, bool training)
    {
        var (from, to) = Region(photo, training);
        return Math.Min(to - from, _images[photo].Height);
    }

    /// <summary>The square crop at (<paramref name="x"/>, <paramref name="y"/>) of side <paramref name="side"/>, resized to <paramref name="size"/>, as RGB floats in [0, 1], channel-major.</summary>
    public float[] Crop(int photo, int x, int y, int side, int size)
    {
        using var crop = _images[photo].Clone(c => c.Crop(new Rectangle(x, y, side, side)).Resize(size, size, KnownResamplers.Triangle));
        var pixels = new float[3 * size * size];
        crop.ProcessPixelRows(rows =>
        {
            for (var row = 0; row < size; row++)
            {
                var span = rows.GetRowSpan(row);
                for (var column = 0; column < size; column++)
                {
                    var offset = (row * size) + column;
                    pixels[offset] = span[column].R / 255f;
                    pixels[(size * size) + offset] = span[column].G / 255f;
                    pixels[(2 * size * size) + offset] = span[column].B / 255f;
                }
            }
        });
        return pixels;
    }

    public void Dispose() => _images.ForEach(i => i.Dispose());
}

using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Scan.Core.Data.Natural;

/// <summary>Where one composite image's parts came from: its background crop, the item's place and its tint.</summary>
public sealed record NaturalSample(int Photo, int CropX, int CropY, int CropSide, int ItemX, int ItemY, float[] Tint);

/// <summary>
/// Fashion-MNIST on natural backgrounds, made the way MNIST-M was (Ganin and Lempitsky 2015): each item, enlarged
/// from 28 to 40 pixels and tinted, is laid by its own silhouette over a random square crop of a real photograph,
/// at a random place in a 64×64 RGB image. 64 pixels leave room around the item, so that where a map points can
/// be checked against the silhouette, saved as the image's mask. Deterministic from the seed; test backgrounds come
/// only from the photos' test regions (<see cref="BackgroundPhotos"/>).
/// </summary>
public static class NaturalBackgroundSet
{
    public const int Size = 64;
    public const int ItemSize = 40;
    public const string MasksFolder = "masks";

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Class folder names whose sorted order is Fashion-MNIST's label order ("0-t-shirt-top" …).</summary>
    public static IReadOnlyList<string> ClassFolders { get; } = FashionMnistDataset.Classes
        .Select((name, label) => $"{label}-{new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray())}").ToArray();

    /// <summary>The choices for sample <paramref name="index"/> of a split: a function of the seed, the split and the index only.</summary>
    public static NaturalSample Plan(BackgroundPhotos photos, bool training, int index, long seed)
    {
        var random = new SplitMix64((ulong)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)index << 1) ^ (training ? 0UL : 1UL));
        var photo = random.NextBelow(photos.Count);
        var (from, to) = photos.Region(photo, training);
        var side = Size + random.NextBelow(Math.Min(photos.MaxSide(photo, training), 2 * Size) - Size + 1);
        var x = from + random.NextBelow(to - from - side + 1);
        var y = random.NextBelow(photos.Height(photo) - side + 1);
        var (itemX, itemY) = (random.NextBelow(Size - ItemSize + 1), random.NextBelow(Size - ItemSize + 1));
        var tint = Enumerable.Range(0, 3).Select(_ => 0.55f + (0.45f * random.NextBelow(1000) / 999f)).ToArray();
        return new NaturalSample(photo, x, y, side, itemX, itemY, tint);
    }

    /// <summary>The composite image (RGB floats in [0, 1], channel-major) and the item's silhouette (true: item) for a 28×28 item in [0, 1].</summary>
    public static (float[] Image, bool[] Mask) Compose(float[] background, ReadOnlySpan<float> item, NaturalSample sample)
    {
        var large = Enlarge(item);
        var image = (float[])background.Clone();
        var mask = new bool[Size * Size];
        for (var row = 0; row < ItemSize; row++)
        {
            for (var column = 0; column < ItemSize; column++)
            {
                var value = large[(row * ItemSize) + column];
                // A soft silhouette: fully the item above 0.12, fully background below 0.02.
                var alpha = Math.Clamp((value - 0.02f) / 0.1f, 0f, 1f);
                var pixel = ((sample.ItemY + row) * Size) + sample.ItemX + column;
                mask[pixel] = alpha >= 0.5f;
                for (var channel = 0; channel < 3; channel++)
                {
                    var at = (channel * Size * Size) + pixel;
                    image[at] = (alpha * value * sample.Tint[channel]) + ((1 - alpha) * image[at]);
                }
            }
        }
        return (image, mask);
    }

    /// <summary>
    /// Writes the training and test splits (the first <paramref name="limit"/> items of each, or all) under
    /// <paramref name="output"/>: train/CLASS/NNNNN.png, test/…, masks/train/…, masks/test/…, samples.csv and
    /// dataset.json. Everything goes to a sibling directory first and is moved into place at the end.
    /// </summary>
    public static void Generate(string fashionDirectory, BackgroundPhotos photos, string output, long seed, int? limit, Action<string>? progress = null)
    {
        if (Directory.Exists(output) || File.Exists(output))
        {
            throw new ScanInputException($"--out {output} already exists: choose a new directory.");
        }
        var staging = output.TrimEnd('/') + ".partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        var lines = new StringBuilder("split,index,label,photo,crop_x,crop_y,crop_side,item_x,item_y,mask_pixels\n");
        var counts = new Dictionary<string, int>();
        foreach (var (split, training) in new[] { ("train", true), ("test", false) })
        {
            var data = FashionMnistDataset.Load(fashionDirectory, training ? DataSplit.Train : DataSplit.Test);
            var count = Math.Min(limit ?? data.Count, data.Count);
            var padded = new float[FashionMnistDataset.PaddedSize * FashionMnistDataset.PaddedSize];
            for (var index = 0; index < count; index++)
            {
                var label = data.Read(index, padded);
                var sample = Plan(photos, training, index, seed);
                var (image, mask) = Compose(photos.Crop(sample.Photo, sample.CropX, sample.CropY, sample.CropSide, Size), Unpad(padded), sample);
                var name = $"{index:D5}.png";
                Save(Path.Combine(staging, split, ClassFolders[label], name), image);
                SaveMask(Path.Combine(staging, MasksFolder, split, ClassFolders[label], name), mask);
                lines.Append(CultureInfo.InvariantCulture, $"{split},{index},{label},{photos.Names[sample.Photo]},{sample.CropX},{sample.CropY},{sample.CropSide},{sample.ItemX},{sample.ItemY},{mask.Count(m => m)}\n");
                if ((index + 1) % 5000 == 0)
                {
                    progress?.Invoke($"{split}: {index + 1}/{count}");
                }
            }
            counts[split] = count;
        }
        File.WriteAllText(Path.Combine(staging, "samples.csv"), lines.ToString());
        File.WriteAllText(Path.Combine(staging, "dataset.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            kind = "fashion-mnist on natural backgrounds", seed, size = Size, item_size = ItemSize, photos = photos.Names,
            training_share_of_photo_width = BackgroundPhotos.TrainingShare, images = counts, classes = ClassFolders,
        }, Indented));
        Directory.Move(staging, output);
    }

    private static float[] Unpad(float[] padded)
    {
        const int source = FashionMnistDataset.SourceSize;
        var item = new float[source * source];
        for (var row = 0; row < source; row++)
        {
            Array.Copy(padded, ((row + FashionMnistDataset.Padding) * FashionMnistDataset.PaddedSize) + FashionMnistDataset.Padding, item, row * source, source);
        }
        return item;
    }

    private static float[] Enlarge(ReadOnlySpan<float> item)
    {
        const int source = FashionMnistDataset.SourceSize;
        using var small = new Image<L16>(source, source);
        for (var i = 0; i < source * source; i++)
        {
            small[i % source, i / source] = new L16((ushort)Math.Round(Math.Clamp(item[i], 0f, 1f) * 65535));
        }
        small.Mutate(c => c.Resize(ItemSize, ItemSize, KnownResamplers.Triangle));
        var large = new float[ItemSize * ItemSize];
        for (var i = 0; i < large.Length; i++)
        {
            large[i] = small[i % ItemSize, i / ItemSize].PackedValue / 65535f;
        }
        return large;
    }

    private static void Save(string path, float[] image)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var png = new Image<Rgb24>(Size, Size);
        for (var i = 0; i < Size * Size; i++)
        {
            png[i % Size, i / Size] = new Rgb24(Byte(image[i]), Byte(image[(Size * Size) + i]), Byte(image[(2 * Size * Size) + i]));
        }
        png.SaveAsPng(path);
    }

    private static void SaveMask(string path, bool[] mask)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var png = new Image<L8>(Size, Size);
        for (var i = 0; i < mask.Length; i++)
        {
            png[i % Size, i / Size] = new L8(mask[i] ? (byte)255 : (byte)0);
        }
        png.SaveAsPng(path);
    }

    private static byte Byte(float value) => (byte)Math.Round(Math.Clamp(value, 0f, 1f) * 255);
}

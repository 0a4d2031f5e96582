using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Data;

/// <summary>A user's image file as <see cref="ImageFileReader"/> read it: its size, and what was done to it to make the target's input, in words.</summary>
public sealed record ImageReading(int Width, int Height, IReadOnlyList<string> Changes)
{
    /// <summary>The changes <see cref="ImageFileReader.Read"/> makes to <paramref name="path"/> for <paramref name="shape"/>.</summary>
    public static ImageReading Describe(string path, ImageShape shape, int? shorterSide, int padding)
    {
        var info = Image.Identify(path);
        var (width, height) = (info.Width, info.Height);
        var changes = new List<string>();
        if (shape.Channels == 1 && HasColour(path))
        {
            changes.Add("turned its colours to grey (the target takes one channel)");
        }
        if (shorterSide is { } side && (width, height) != (shape.Width, shape.Height))
        {
            changes.Add($"resized its shorter side to {side} and cropped the centre {shape.Width}×{shape.Height} (torchvision's evaluation transform, as the target records)");
        }
        else if (padding > 0)
        {
            var (innerWidth, innerHeight) = (shape.Width - (2 * padding), shape.Height - (2 * padding));
            if ((width, height) != (innerWidth, innerHeight))
            {
                var scale = Math.Min((double)innerWidth / width, (double)innerHeight / height);
                changes.Add($"resized it to {Math.Round(width * scale)}×{Math.Round(height * scale)} (aspect ratio kept) and centred it on black at {innerWidth}×{innerHeight}");
            }
            changes.Add($"padded it with {padding} black pixels on every side to {shape.Width}×{shape.Height}, as the training images were");
        }
        else if (shorterSide is null && (width, height) != (shape.Width, shape.Height))
        {
            var stretched = width * shape.Height != height * shape.Width;
            changes.Add($"resized it to {shape.Width}×{shape.Height}" + (stretched ? " (stretched, as the target's training images were)" : ""));
        }
        return new ImageReading(width, height, changes);
    }

    private static bool HasColour(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        var colour = false;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && !colour; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    if (pixel.R != pixel.G || pixel.G != pixel.B)
                    {
                        colour = true;
                        break;
                    }
                }
            }
        });
        return colour;
    }
}

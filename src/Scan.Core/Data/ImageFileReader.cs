using System.Buffers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Scan.Core.Data;

/// <summary>
/// Reads one JPEG or PNG file into [0, 1] channel-major floats of a given shape: luminance (1 channel, ImageSharp's
/// BT.709 <c>L8</c>) or RGB (3 channels), resized (bilinear) by stretching it to the shape; or, given a shorter side,
/// as torchvision's evaluation transform does: the shorter side resized to it, then the centre cropped to the shape;
/// or, given a padding, fitted into the shape less the padding with its aspect ratio kept (centred on black), then
/// padded with black on every side (how Fashion-MNIST's 28×28 images reach a 32×32 target). Headers are checked
/// before any decoding.
/// </summary>
public static class ImageFileReader
{
    public const long DefaultMaxPixels = 40_000_000;

    /// <summary>Checks the file's header, then reads it: every problem is a <see cref="ScanInputException"/> naming the file.</summary>
    /// <returns>The file's size and, in words, what was done to make it the shape.</returns>
    public static ImageReading ReadChecked(string path, ImageShape shape, Span<float> destination, long maxPixels = DefaultMaxPixels, int? shorterSide = null, int padding = 0)
    {
        if (!File.Exists(path))
        {
            throw new ScanInputException($"{path}: no such image file.");
        }
        var problem = FindProblem(path, maxPixels);
        if (problem is not null)
        {
            throw new ScanInputException($"{path}: {problem}.");
        }
        Read(path, shape, destination, shorterSide, padding);
        return ImageReading.Describe(path, shape, shorterSide, padding);
    }

    /// <summary>Decodes and resizes the file into <paramref name="destination"/> (length C·H·W); see the class for <paramref name="shorterSide"/> and <paramref name="padding"/>.</summary>
    public static void Read(string path, ImageShape shape, Span<float> destination, int? shorterSide = null, int padding = 0)
    {
        try
        {
            if (shape.Channels == 1)
            {
                CopyLuminance(path, shape, destination, shorterSide, padding);
            }
            else
            {
                CopyRgb(path, shape, destination, shorterSide, padding);
            }
        }
        catch (Exception exception) when (IsReadFailure(exception))
        {
            throw new ScanInputException($"{path}: cannot decode the image ({exception.Message}); leave such files out with --skip-bad-files.", exception);
        }
    }

    /// <summary>
    /// Why the file cannot be used, or null when it can: from its header alone, or with <paramref name="decode"/> also
    /// from decoding it whole (a valid header over a truncated body).
    /// </summary>
    public static string? FindProblem(string path, long maxPixels, bool decode = false)
    {
        try
        {
            var info = Image.Identify(path);
            if (info is null)
            {
                return "not a JPEG or PNG image (no decoder recognises its content)";
            }
            if (info.Width <= 0 || info.Height <= 0)
            {
                return $"image header gives an empty size {info.Width}×{info.Height}";
            }
            var pixels = (long)info.Width * info.Height;
            if (pixels > maxPixels)
            {
                return $"image is {info.Width}×{info.Height} = {pixels} pixels, above the limit of {maxPixels} (MaxPixels)";
            }
        }
        catch (Exception exception) when (IsReadFailure(exception))
        {
            return $"unreadable image header ({exception.Message})";
        }
        return decode ? FindDecodingProblem(path) : null;
    }

    private static string? FindDecodingProblem(string path)
    {
        try
        {
            using var image = Image.Load(path);
            return null;
        }
        catch (Exception exception) when (IsReadFailure(exception))
        {
            return $"cannot decode the image ({exception.Message})";
        }
    }

    internal static bool IsReadFailure(Exception exception) =>
        exception is ImageFormatException or NotSupportedException or IOException or InvalidDataException or UnauthorizedAccessException;

    private static void CopyLuminance(string path, ImageShape shape, Span<float> destination, int? shorterSide, int padding)
    {
        using var image = DecodeResized<L8>(path, shape, shorterSide, padding);
        var pixels = ArrayPool<L8>.Shared.Rent(destination.Length);
        try
        {
            image.CopyPixelDataTo(pixels.AsSpan(0, destination.Length));
            for (var p = 0; p < destination.Length; p++)
            {
                destination[p] = pixels[p].PackedValue / 255f;
            }
        }
        finally
        {
            ArrayPool<L8>.Shared.Return(pixels);
        }
    }

    private static void CopyRgb(string path, ImageShape shape, Span<float> destination, int? shorterSide, int padding)
    {
        using var image = DecodeResized<Rgb24>(path, shape, shorterSide, padding);
        var plane = shape.Height * shape.Width;
        var pixels = ArrayPool<Rgb24>.Shared.Rent(plane);
        try
        {
            image.CopyPixelDataTo(pixels.AsSpan(0, plane));
            for (var p = 0; p < plane; p++)
            {
                destination[p] = pixels[p].R / 255f;
                destination[plane + p] = pixels[p].G / 255f;
                destination[(2 * plane) + p] = pixels[p].B / 255f;
            }
        }
        finally
        {
            ArrayPool<Rgb24>.Shared.Return(pixels);
        }
    }

    private static Image<TPixel> DecodeResized<TPixel>(string path, ImageShape shape, int? shorterSide, int padding)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var image = Image.Load<TPixel>(path);
        try
        {
            if (shorterSide is { } side)
            {
                ResizeShorterSideThenCropCentre(image, side, shape);
            }
            else if (padding > 0)
            {
                var (width, height) = (shape.Width - (2 * padding), shape.Height - (2 * padding));
                if (image.Width != width || image.Height != height)
                {
                    image.Mutate(context => context.Resize(new ResizeOptions
                    {
                        Size = new Size(width, height), Mode = ResizeMode.Pad, PadColor = Color.Black, Sampler = KnownResamplers.Triangle,
                    }));
                }
                image.Mutate(context => context.Pad(shape.Width, shape.Height, Color.Black));
            }
            else if (image.Width != shape.Width || image.Height != shape.Height)
            {
                image.Mutate(context => Stretch(context, shape.Width, shape.Height));
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>torchvision's <c>Resize(side)</c> then <c>CenterCrop(H, W)</c>, with their rounding.</summary>
    private static void ResizeShorterSideThenCropCentre(Image image, int side, ImageShape shape)
    {
        var (width, height) = image.Width <= image.Height
            ? (side, (int)((long)side * image.Height / image.Width))
            : ((int)((long)side * image.Width / image.Height), side);
        if (width < shape.Width || height < shape.Height)
        {
            throw new ArgumentException($"A shorter side of {side} cannot be cropped to {shape.Width}×{shape.Height}.", nameof(side));
        }
        var left = (int)Math.Round((width - shape.Width) / 2.0, MidpointRounding.ToEven);
        var top = (int)Math.Round((height - shape.Height) / 2.0, MidpointRounding.ToEven);
        image.Mutate(context => Stretch(context, width, height).Crop(new Rectangle(left, top, shape.Width, shape.Height)));
    }

    /// <summary>A bilinear (triangle-filter) resize to exactly width × height.</summary>
    private static IImageProcessingContext Stretch(IImageProcessingContext context, int width, int height) =>
        context.Resize(new ResizeOptions { Size = new Size(width, height), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Triangle });
}

using System.Buffers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Scan.Core.Data;

/// <summary>
/// Images in the ImageNet layout: <c>root/&lt;class&gt;/…/*.jpg|*.jpeg|*.png</c>. Classes are the sub-folder
/// names sorted ordinally; samples are ordered by class, then by path within the class folder (ordinal), so an
/// index always means the same file. Every file's header is checked at <see cref="Load"/>; pixels are decoded
/// on each <see cref="Read"/>, converted to luminance (1 channel, ImageSharp's BT.709 <c>L8</c>) or RGB
/// (3 channels), resized (stretched, bilinear) to the options' height × width, scaled to [0, 1].
/// </summary>
public sealed class ImageFolderDataset : IImageDataset
{
    private readonly ImageFolderIndex _index;
    private readonly ImageFolderOptions _options;

    private ImageFolderDataset(string root, ImageFolderIndex index, ImageFolderOptions options)
    {
        Name = root;
        _index = index;
        _options = options;
        Shape = new ImageShape(options.Channels, options.Height, options.Width);
    }

    public string Name { get; }

    public int Count => _index.Samples.Count;

    public ImageShape Shape { get; }

    public IReadOnlyList<string> ClassNames => _index.ClassNames;

    /// <summary>Files left out at load because <see cref="ImageFolderOptions.SkipBadFiles"/> was set; empty otherwise.</summary>
    public IReadOnlyList<SkippedFile> SkippedFiles => _index.Skipped;

    public static ImageFolderDataset Load(string root, ImageFolderOptions options)
    {
        options.Validate();
        return new ImageFolderDataset(root, ImageFolderIndex.Build(root, options), options);
    }

    /// <summary>The file behind sample <paramref name="index"/>.</summary>
    public string PathOf(int index) => _index.Samples[index].Path;

    public int Read(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (destination.Length != Shape.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; an image of {Name} needs {Shape.Length}.", nameof(destination));
        }
        var (path, label) = _index.Samples[index];
        try
        {
            if (_options.Channels == 1)
            {
                CopyLuminance(path, destination);
            }
            else
            {
                CopyRgb(path, destination);
            }
        }
        catch (Exception exception) when (IsReadFailure(exception))
        {
            throw new ScanInputException($"{path}: cannot decode the image ({exception.Message}).", exception);
        }
        return label;
    }

    internal static bool IsReadFailure(Exception exception) =>
        exception is ImageFormatException or NotSupportedException or IOException or InvalidDataException or UnauthorizedAccessException;

    private void CopyLuminance(string path, Span<float> destination)
    {
        using var image = DecodeResized<L8>(path);
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

    private void CopyRgb(string path, Span<float> destination)
    {
        using var image = DecodeResized<Rgb24>(path);
        var plane = _options.Height * _options.Width;
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

    private Image<TPixel> DecodeResized<TPixel>(string path)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var image = Image.Load<TPixel>(path);
        try
        {
            if (image.Width != _options.Width || image.Height != _options.Height)
            {
                image.Mutate(context => context.Resize(new ResizeOptions
                {
                    Size = new Size(_options.Width, _options.Height),
                    Mode = ResizeMode.Stretch,
                    Sampler = KnownResamplers.Triangle,
                }));
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }
}

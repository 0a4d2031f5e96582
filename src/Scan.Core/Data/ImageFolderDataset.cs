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

    private ImageFolderDataset(string root, ImageFolderIndex index, ImageFolderOptions options)
    {
        Name = root;
        _index = index;
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
        ImageFileReader.Read(path, Shape, destination);
        return label;
    }
}

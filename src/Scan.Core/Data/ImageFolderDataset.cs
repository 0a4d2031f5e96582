namespace Scan.Core.Data;

/// <summary>
/// Images in the ImageNet layout: <c>root/&lt;class&gt;/…/*.jpg|*.jpeg|*.png</c>. Classes are the sub-folder
/// names sorted ordinally; samples are ordered by class, then by path within the class folder (ordinal), so an
/// index always means the same file. Every file's header is checked at <see cref="Load"/>; pixels are decoded
/// on each <see cref="Read"/>, converted to luminance (1 channel, ImageSharp's BT.709 <c>L8</c>) or RGB
/// (3 channels), resized (bilinear: stretched, or shorter side then centre crop) to the options' height × width,
/// scaled to [0, 1].
/// </summary>
public sealed class ImageFolderDataset : IImageDataset, IObjectMasks
{
    private readonly ImageFolderIndex _index;
    private readonly string _root;
    private readonly string _masksRoot;
    private readonly int? _resizeShorterSide;

    private ImageFolderDataset(string root, ImageFolderIndex index, ImageFolderOptions options)
    {
        Name = root;
        _root = root;
        _index = index;
        Shape = new ImageShape(options.Channels, options.Height, options.Width);
        _resizeShorterSide = options.ResizeShorterSide;
        var split = Path.GetFullPath(root).TrimEnd('/');
        _masksRoot = Path.Combine(Path.GetDirectoryName(split)!, Natural.NaturalBackgroundSet.MasksFolder, Path.GetFileName(split));
    }

    /// <summary>Object masks, when the split folder (…/test) has a sibling …/masks/test with one mask per image at the same relative path.</summary>
    public bool HasMasks => Directory.Exists(_masksRoot);

    public TorchSharp.torch.Tensor LoadMasks(IReadOnlyList<int> indices, TorchSharp.torch.Device device)
    {
        var shape = new ImageShape(1, Shape.Height, Shape.Width);
        var masks = new float[indices.Count * shape.Length];
        for (var i = 0; i < indices.Count; i++)
        {
            var relative = Path.GetRelativePath(_root, _index.Samples[indices[i]].Path);
            var path = Path.Combine(_masksRoot, relative);
            if (!File.Exists(path))
            {
                throw new ScanInputException($"{path}: the mask of {_index.Samples[indices[i]].Path} is missing ({_masksRoot} holds masks for this split).");
            }
            ImageFileReader.Read(path, shape, masks.AsSpan(i * shape.Length, shape.Length), _resizeShorterSide);
        }
        return TorchSharp.torch.tensor(masks, [indices.Count, Shape.Height, Shape.Width]).gt(0.5f).to(TorchSharp.torch.ScalarType.Float32).to(device);
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
        ImageFileReader.Read(path, Shape, destination, _resizeShorterSide);
        return label;
    }
}

namespace Scan.Core.Data;

/// <summary>
/// Fashion-MNIST from its four IDX files. The 28×28 grayscale images are zero-padded by
/// <see cref="Padding"/> pixels on every side to 32×32 (padded, not resized: original pixel (r, c) is
/// pixel (r + 2, c + 2)), one channel, pixel = byte / 255. All bytes are decoded once and kept in memory.
/// Use <see cref="Normalization.FashionMnist"/> with it.
/// </summary>
public sealed class FashionMnistDataset : IImageDataset
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    public const int SourceSize = 28;
    public const int Padding = 2;
    public const int PaddedSize = SourceSize + (2 * Padding);

    /// <summary>How images reach a target, as recorded in its target.json.</summary>
    public const string Preprocessing =
        "Fashion-MNIST 28×28 grayscale, zero-padded by 2 pixels on each side to 32×32, one channel, pixel = byte/255, then normalised with (x − 0.2860)/0.3530";

    private static readonly float[] ByteToUnit = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    private readonly byte[] _pixels;
    private readonly byte[] _labels;

    private FashionMnistDataset(string name, byte[] pixels, byte[] labels)
    {
        Name = name;
        _pixels = pixels;
        _labels = labels;
    }

    public static IReadOnlyList<string> Classes { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public string Name { get; }

    public int Count => _labels.Length;

    public ImageShape Shape { get; } = new(1, PaddedSize, PaddedSize);

    public IReadOnlyList<string> ClassNames => Classes;

    public static FashionMnistDataset Load(string directory, DataSplit split)
    {
        if (!Directory.Exists(directory))
        {
            throw new ScanInputException($"{directory}: Fashion-MNIST directory not found (on Debian: apt-get install dataset-fashion-mnist, which fills {DefaultDirectory}).");
        }
        var prefix = split == DataSplit.Train ? "train" : "t10k";
        var imagesPath = FindFile(directory, $"{prefix}-images-idx3-ubyte");
        var labelsPath = FindFile(directory, $"{prefix}-labels-idx1-ubyte");
        var images = IdxReader.ReadImages(imagesPath);
        if (images.Rows != SourceSize || images.Columns != SourceSize)
        {
            throw new ScanInputException($"{imagesPath}: images are {images.Rows}×{images.Columns}, Fashion-MNIST's are {SourceSize}×{SourceSize}.");
        }
        var labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            throw new ScanInputException($"{labelsPath}: {labels.Length} labels for the {images.Count} images of {imagesPath}.");
        }
        var badLabel = Array.FindIndex(labels, label => label >= Classes.Count);
        if (badLabel >= 0)
        {
            throw new ScanInputException($"{labelsPath}: label {labels[badLabel]} at index {badLabel} is not a Fashion-MNIST class (0–{Classes.Count - 1}).");
        }
        return new FashionMnistDataset($"Fashion-MNIST {split.ToString().ToLowerInvariant()} ({directory})", images.Pixels, labels);
    }

    public int Read(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (destination.Length != Shape.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; a {Name} image needs {Shape.Length}.", nameof(destination));
        }
        destination.Clear();
        var source = _pixels.AsSpan(index * SourceSize * SourceSize, SourceSize * SourceSize);
        for (var row = 0; row < SourceSize; row++)
        {
            var target = destination.Slice(((row + Padding) * PaddedSize) + Padding, SourceSize);
            var sourceRow = source.Slice(row * SourceSize, SourceSize);
            for (var column = 0; column < SourceSize; column++)
            {
                target[column] = ByteToUnit[sourceRow[column]];
            }
        }
        return _labels[index];
    }

    private static string FindFile(string directory, string baseName)
    {
        var compressed = Path.Combine(directory, baseName + ".gz");
        if (File.Exists(compressed))
        {
            return compressed;
        }
        var raw = Path.Combine(directory, baseName);
        if (File.Exists(raw))
        {
            return raw;
        }
        throw new ScanInputException($"{compressed}: Fashion-MNIST file not found (nor {raw}).");
    }
}

namespace Scan.Core.Data;

/// <summary>How <see cref="ImageFolderDataset"/> turns image files into tensors, and how strict it is about bad files.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>1 (luminance) or 3 (RGB).</summary>
    public int Channels { get; init; } = 3;

    public int Height { get; init; } = 224;

    public int Width { get; init; } = 224;

    /// <summary>When set, images are resized to this shorter side and centre-cropped (torchvision's evaluation transform) instead of stretched.</summary>
    public int? ResizeShorterSide { get; init; }

    /// <summary>Files with more pixels (width × height, read from the header) are rejected before decoding.</summary>
    public long MaxPixels { get; init; } = ImageFileReader.DefaultMaxPixels;

    /// <summary>
    /// The target's class names: each class folder is labelled by its name's position in this list, and a folder
    /// that is not in it is refused. Null: the sorted folder names are the classes.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Leave bad files out (decoding each file whole to find them) (listed in <see cref="ImageFolderDataset.SkippedFiles"/>) instead of failing.</summary>
    public bool SkipBadFiles { get; init; }

    internal void Validate()
    {
        if (Channels is not (1 or 3))
        {
            throw new ScanInputException($"Image folder option Channels = {Channels}: expected 1 (luminance) or 3 (RGB).");
        }
        if (Height <= 0 || Width <= 0)
        {
            throw new ScanInputException($"Image folder option size {Height}×{Width}: height and width must be positive.");
        }
        if (ResizeShorterSide is { } side && side < Math.Max(Height, Width))
        {
            throw new ScanInputException($"Image folder option ResizeShorterSide = {side}: must be at least the crop's {Math.Max(Height, Width)} pixels.");
        }
        if (MaxPixels <= 0)
        {
            throw new ScanInputException($"Image folder option MaxPixels = {MaxPixels}: must be positive.");
        }
    }
}

namespace Scan.Core.Data;

/// <summary>Which part of a data set: the training images or the held-out test images.</summary>
public enum DataSplit
{
    Train,
    Test,
}

/// <summary>
/// Opens the data set a <c>--data</c> path names: a directory of Fashion-MNIST IDX files, or an image-folder root
/// with <c>train/</c> and <c>test/</c> (or <c>val/</c>) sub-folders in the ImageNet layout, read at the target's input shape.
/// </summary>
public static class DataSource
{
    /// <summary>Whether <paramref name="path"/> is a directory of Fashion-MNIST IDX files (not an image folder).</summary>
    public static bool IsFashionMnist(string path) => Directory.Exists(path) && Directory.EnumerateFiles(path, "*-ubyte*").Any();

    /// <summary>Opens the split; an image folder is read at <paramref name="inputShape"/>, resized as <see cref="ImageFolderOptions.ResizeShorterSide"/> says.</summary>
    /// <param name="classNames">A target's classes: folders are labelled by name against them (see <see cref="ImageFolderOptions.ClassNames"/>).</param>
    public static IImageDataset Open(string path, DataSplit split, ImageShape inputShape, bool skipBadFiles, Action<string>? warn = null, int? resizeShorterSide = null,
        IReadOnlyList<string>? classNames = null)
    {
        if (!Directory.Exists(path))
        {
            throw new ScanInputException($"--data {path}: no such directory." +
                (path == FashionMnistDataset.DefaultDirectory ? " Install Fashion-MNIST with: sudo apt-get install -y dataset-fashion-mnist" : ""));
        }
        if (IsFashionMnist(path))
        {
            var idx = FashionMnistDataset.Load(path, split);
            return idx.Count > 0 ? idx : throw new ScanInputException($"--data {path}: its {split.ToString().ToLowerInvariant()} IDX files hold no images.");
        }
        var candidates = split == DataSplit.Train ? new[] { "train" } : ["test", "val"];
        var root = candidates.Select(name => Path.Combine(path, name)).FirstOrDefault(Directory.Exists)
            ?? throw new ScanInputException($"--data {path}: neither Fashion-MNIST IDX files nor an image folder with a {string.Join(" or ", candidates.Select(c => c + "/"))} sub-folder.");
        var data = ImageFolderDataset.Load(root, new ImageFolderOptions
        {
            Channels = inputShape.Channels, Height = inputShape.Height, Width = inputShape.Width, SkipBadFiles = skipBadFiles,
            ResizeShorterSide = resizeShorterSide, ClassNames = classNames,
        });
        if (data.SkippedFiles.Count > 0)
        {
            warn?.Invoke($"{root}: skipped {data.SkippedFiles.Count} bad file(s), e.g. {data.SkippedFiles[0].Path}: {data.SkippedFiles[0].Reason}");
        }
        return data;
    }
}

using SixLabors.ImageSharp;

namespace Scan.Core.Data;

/// <summary>
/// The files of an image folder (one sub-folder per class, JPEG/PNG files below it), each checked cheaply
/// from its header (<see cref="Image.Identify(string)"/>) without decoding its pixels. Samples are interleaved by class
/// (each class's first file, then each class's second, …, files in name order within a class), so that the first N
/// (<c>--limit</c>) and the last N (the held-out validation images) hold every class, not the first or last folders.
/// Given a target's classes, each folder is labelled by its name's position among them.
/// </summary>
internal sealed record ImageFolderIndex(IReadOnlyList<string> ClassNames, IReadOnlyList<(string Path, int Label)> Samples, IReadOnlyList<SkippedFile> Skipped)
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];

    public static ImageFolderIndex Build(string root, ImageFolderOptions options)
    {
        if (!Directory.Exists(root))
        {
            throw new ScanInputException($"{root}: image folder not found.");
        }
        var classFolders = Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToArray();
        if (classFolders.Length == 0)
        {
            throw new ScanInputException($"{root}: no class folders; expected one sub-folder per class holding its JPEG/PNG images ({root}/<class>/<image>).");
        }
        var (classNames, labels) = Labels(root, classFolders.Select(folder => Path.GetFileName(folder)).ToArray(), options.ClassNames);
        var candidates = new List<(string Path, int Label)>();
        for (var f = 0; f < classFolders.Length; f++)
        {
            var (folder, label) = (classFolders[f], labels[f]);
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(IsImageFileName)
                .Select(path => Path.GetRelativePath(folder, path))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
            {
                throw new ScanInputException($"{folder}: class folder holds no JPEG or PNG images (.jpg, .jpeg, .png).");
            }
            candidates.AddRange(files.Select(file => (Path.Combine(folder, file), label)));
        }

        var problems = new string?[candidates.Count];
        Parallel.For(0, candidates.Count, i => problems[i] = ImageFileReader.FindProblem(candidates[i].Path, options.MaxPixels, decode: options.SkipBadFiles));

        var samples = new List<(string Path, int Label)>(candidates.Count);
        var skipped = new List<SkippedFile>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (problems[i] is not { } problem)
            {
                samples.Add(candidates[i]);
            }
            else if (options.SkipBadFiles)
            {
                skipped.Add(new SkippedFile(candidates[i].Path, problem));
            }
            else
            {
                throw new ScanInputException($"{candidates[i].Path}: {problem}; leave such files out with --skip-bad-files.");
            }
        }
        if (samples.Count == 0)
        {
            throw new ScanInputException($"{root}: none of its {candidates.Count} image files can be read; all were skipped.");
        }
        return new ImageFolderIndex(classNames, InterleavedByClass(samples), skipped);
    }

    /// <summary>
    /// Each folder's label: its position among <paramref name="targetClasses"/> when a target's classes are given (a
    /// folder that is not one of them is refused), else its position in sorted order.
    /// </summary>
    private static (IReadOnlyList<string> ClassNames, int[] Labels) Labels(string root, string[] folders, IReadOnlyList<string>? targetClasses)
    {
        if (targetClasses is null)
        {
            return (folders, Enumerable.Range(0, folders.Length).ToArray());
        }
        var labelOf = targetClasses.Select((name, label) => (name, label)).ToDictionary(c => c.name, c => c.label, StringComparer.Ordinal);
        var unknown = folders.Where(folder => !labelOf.ContainsKey(folder)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ScanInputException(
                $"{root}: class folder{(unknown.Length == 1 ? "" : "s")} {string.Join(", ", unknown.Take(5).Select(name => $"'{name}'"))}{(unknown.Length > 5 ? $" and {unknown.Length - 5} more" : "")} " +
                $"{(unknown.Length == 1 ? "is" : "are")} not among the target's {targetClasses.Count} classes ({string.Join(", ", targetClasses.Take(10))}{(targetClasses.Count > 10 ? ", …" : "")}); " +
                "name each folder after the class it holds (target.json's class_names), or import the target with --classes listing the folder names in its label order.");
        }
        return (targetClasses, folders.Select(folder => labelOf[folder]).ToArray());
    }

    private static List<(string Path, int Label)> InterleavedByClass(List<(string Path, int Label)> samples) =>
        [.. samples.GroupBy(sample => sample.Label)
            .SelectMany(group => group.Select((sample, rank) => (sample, rank)))
            .OrderBy(entry => entry.rank).ThenBy(entry => entry.sample.Label)
            .Select(entry => entry.sample)];

    private static bool IsImageFileName(string path) =>
        ImageExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}

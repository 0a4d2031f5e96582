using Scan.Core;

namespace Scan.Grains.Artifacts;

/// <summary>
/// A path with every symbolic link along it followed, as the kernel follows them (realpath(3)): each component is
/// resolved in order, so "link/.." is the link target's parent. Components that do not exist yet are kept as given.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="path"/> (absolute); <paramref name="option"/> names it in errors.</summary>
    public static string Of(string path, string option)
    {
        var links = 0;
        return Resolve(Path.GetFullPath("/"), Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path), option, ref links);
    }

    private static string Resolve(string real, string path, string option, ref int links)
    {
        foreach (var part in path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                real = Path.GetDirectoryName(real) ?? real;
                continue;
            }
            var next = Path.Combine(real, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new ScanInputException($"{option} {path}: too many levels of symbolic links (a link loop?).");
                }
                next = Resolve(Path.IsPathRooted(target) ? Path.GetFullPath("/") : real, target, option, ref links);
            }
            real = next;
        }
        return real;
    }
}

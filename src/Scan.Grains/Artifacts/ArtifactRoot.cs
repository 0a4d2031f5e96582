using Scan.Core;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Artifacts;

/// <summary>
/// The directory all silos share for targets, decoders, checkpoints and reports. Silos refuse any job that names a
/// path outside it, so a client cannot make them read or write elsewhere. A null path (a silo embedded in the
/// client's own process) allows every path the client's user can reach. Paths are checked, and handed on, with their
/// symbolic links resolved: a link inside the root that points outside it is refused like the outside path itself.
/// The root is then confined (<see cref="ArtifactDirectory.Confine"/>): the checked paths hold no link, and files
/// beneath the root are opened without following one, so a link swapped in after the check redirects nothing.
/// </summary>
public sealed record ArtifactRoot(string? Path)
{
    /// <summary>The request with its paths made absolute (relative ones are taken under the root); throws for a path outside the root.</summary>
    public TrainJobRequest Resolve(TrainJobRequest request) =>
        request with { Target = Resolve(request.Target, "--target"), Output = Resolve(request.Output, "--out") };

    /// <inheritdoc cref="Resolve(TrainJobRequest)"/>
    public EvaluateJobRequest Resolve(EvaluateJobRequest request) => request with
    {
        Target = Resolve(request.Target, "--target"),
        Decoder = request.Decoder is { } decoder ? Resolve(decoder, "--decoder") : null,
        Progress = request.Progress is { } progress ? Resolve(progress, "--progress") : null,
    };

    private string Resolve(string path, string option)
    {
        if (Path is null)
        {
            return System.IO.Path.GetFullPath(path);
        }
        var root = RealPath.Of(Path, "--artifact-root");
        ArtifactDirectory.Confine(root);
        var full = RealPath.Of(System.IO.Path.Combine(root, path), option);
        if (!IsUnder(full, root))
        {
            var via = IsUnder(System.IO.Path.GetFullPath(path, root), root) ? $" (through a symbolic link, to {full})" : "";
            throw new ScanInputException($"{option} {path}: outside the cluster's artifact root {Path}{via}; silos only read and write under it.");
        }
        return full;
    }

    private static bool IsUnder(string path, string root) =>
        (path + System.IO.Path.DirectorySeparatorChar).StartsWith(System.IO.Path.TrimEndingDirectorySeparator(root) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

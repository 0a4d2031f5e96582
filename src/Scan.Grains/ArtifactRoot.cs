using Scan.Core;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains;

/// <summary>
/// The directory all silos share for targets, decoders, checkpoints and reports. Silos refuse any job that names a
/// path outside it, so a client cannot make them read or write elsewhere. A null path (a silo embedded in the
/// client's own process) allows every path the client's user can reach.
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
    };

    private string Resolve(string path, string option)
    {
        if (Path is null)
        {
            return System.IO.Path.GetFullPath(path);
        }
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(Path)) + System.IO.Path.DirectorySeparatorChar;
        var full = System.IO.Path.GetFullPath(path, root);
        if (!(full + System.IO.Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
        {
            throw new ScanInputException($"{option} {path}: outside the cluster's artifact root {Path}; silos only read and write under it.");
        }
        return full;
    }
}

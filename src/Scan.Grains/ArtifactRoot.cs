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
    public void Check(TrainJobRequest request)
    {
        Require(request.Target, "--target");
        Require(request.Output, "--out");
    }

    public void Check(EvaluateJobRequest request)
    {
        Require(request.Target, "--target");
        if (request.Decoder is { } decoder)
        {
            Require(decoder, "--decoder");
        }
    }

    private void Require(string path, string option)
    {
        if (Path is null)
        {
            return;
        }
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(Path)) + System.IO.Path.DirectorySeparatorChar;
        var full = System.IO.Path.GetFullPath(path, root);
        if (!(full + System.IO.Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
        {
            throw new ScanInputException($"{option} {path}: outside the cluster's artifact root {Path}; silos only read and write under it.");
        }
    }
}

using Scan.Core;

namespace Scan.Client.Kubernetes;

/// <summary>
/// Turns a local command line (<c>train …</c> or <c>evaluate …</c>) into the one a Job runs inside the cluster:
/// paths must name the cluster's artifact volume, the data set its data volume, and the job talks to the cluster's
/// Redis. What the cluster cannot honour is refused here, before anything is created.
/// </summary>
public static class SubmittedArguments
{
    private static readonly string[] ArtifactOptions = ["--target", "--out", "-o", "--decoder"];

    public static IReadOnlyList<string> ForCluster(IReadOnlyList<string> arguments)
    {
        var result = new List<string>(arguments);
        for (var i = 1; i < result.Count; i++)
        {
            var option = result[i];
            var value = i + 1 < result.Count ? result[i + 1] : "";
            if (option == "--cluster")
            {
                throw new ScanInputException($"--cluster {Silo.ScanSiloHost.Redacted(value)}: a submitted job always runs against the Kubernetes cluster's own Redis; leave it out.");
            }
            if (ArtifactOptions.Contains(option) && !UnderRoot(value, ClusterLayout.ArtifactRoot, relativeAllowed: true))
            {
                throw new ScanInputException($"{option} {value}: a path on this machine. Inside the cluster, jobs read and write only under " +
                    $"{ClusterLayout.ArtifactRoot} (the shared volume): give a path relative to it or under it.");
            }
            if (option == "--data" && !UnderRoot(value, ClusterLayout.DataRoot, relativeAllowed: false))
            {
                throw new ScanInputException($"--data {value}: not on the cluster's data volume; give a path under {ClusterLayout.DataRoot}.");
            }
        }
        if (!result.Contains("--data"))
        {
            result.AddRange(["--data", ClusterLayout.DefaultData]);
        }
        result.AddRange(["--cluster", ClusterLayout.ClusterAddress]);
        return result;
    }

    /// <summary>The <c>--workers</c> value, or 0 (one per device).</summary>
    public static int Workers(IReadOnlyList<string> arguments)
    {
        var at = arguments.ToList().IndexOf("--workers");
        return at >= 0 && at + 1 < arguments.Count && int.TryParse(arguments[at + 1], out var workers) ? workers : 0;
    }

    private static bool UnderRoot(string path, string root, bool relativeAllowed) =>
        path.Length > 0 && (Path.IsPathRooted(path)
            ? (Path.GetFullPath(path) + "/").StartsWith(root + "/", StringComparison.Ordinal)
            : relativeAllowed && !Path.GetFullPath(path, root).StartsWith("/..", StringComparison.Ordinal)
              && (Path.GetFullPath(path, root) + "/").StartsWith(root + "/", StringComparison.Ordinal));
}

using System.Globalization;
using System.Text.RegularExpressions;
using Scan.Grains.Observability;

namespace Scan.Client.Tests.Cluster;

/// <summary>Checks on the Prometheus text that silos serve at /metrics.</summary>
internal static partial class MetricsScrape
{
    /// <summary>
    /// A duration histogram has the buckets of <see cref="ScanMetrics.DurationBuckets"/> (seconds), and its
    /// observations (steps of a few tens of milliseconds or more) spread above the first bucket.
    /// </summary>
    public static void AssertDurationsInSeconds(IEnumerable<string> scrapes, string histogram)
    {
        var buckets = scrapes.SelectMany(text => text.Split('\n'))
            .Select(line => BucketLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == histogram)
            .GroupBy(m => m.Groups["le"].Value, m => double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Sum(), StringComparer.Ordinal);
        var bounds = buckets.Keys.Where(k => k != "+Inf").Select(k => double.Parse(k, CultureInfo.InvariantCulture)).Order().ToList();

        Assert.Equal(ScanMetrics.DurationBuckets, bounds);
        var total = buckets["+Inf"];
        Assert.True(total > 0, $"{histogram}: no observations");
        Assert.True(buckets[Format(bounds[0])] < total, $"{histogram}: every observation under {bounds[0]} s");
        Assert.Equal(total, buckets[Format(bounds[^1])]);
    }

    /// <summary>Every scan_… series that README.md names is one the silos export.</summary>
    public static void AssertReadmeNamesExported(IEnumerable<string> scrapes)
    {
        var exported = scrapes.SelectMany(text => text.Split('\n')).Where(l => l.StartsWith("scan_", StringComparison.Ordinal))
            .Select(l => l.Split('{', ' ')[0]).ToHashSet(StringComparer.Ordinal);
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var named = SeriesName().Matches(readme).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.True(exported.Any(e => e == name || e.StartsWith(name + "_", StringComparison.Ordinal)),
            $"README names {name}; the silos export {string.Join(", ", exported.Order())}"));
    }

    private static string Format(double bound) => bound.ToString(CultureInfo.InvariantCulture);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScanCluster.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("ScanCluster.sln not found above the test assembly");
    }

    [GeneratedRegex("^(?<name>[a-z_]+)_bucket\\{(?:.*,)?le=\"(?<le>[^\"]+)\"\\} (?<count>[0-9.e+]+)")]
    private static partial Regex BucketLine();

    [GeneratedRegex("\\bscan_[a-z_]+[a-z]\\b")]
    private static partial Regex SeriesName();
}

using System.Text.Json;
using Scan.Core.Evaluation;
using Scan.Core.Metrics;

namespace Scan.Core.Tests.Evaluation;

public class EvaluationReportTests
{
    // Two images: both hits at p = 0, then positiveAfterClean positive hits at every step; negative hits always 2 (AUC 90).
    private static PerturbationCounts Counts(long positiveAfterClean) =>
        new(2, [2, .. Enumerable.Repeat(positiveAfterClean, 9)], Enumerable.Repeat(2L, 10).ToArray());

    private static EvaluationTotals Totals()
    {
        var rankings = DropRanking.Tally([[1, 0], [2, 0]]);
        var plain = new MethodTotals(Counts(0), new ConfidenceChangeCounts(2, 1L << 31, 1), rankings[0], TimeSpan.FromMilliseconds(30), []);
        var random = new MethodTotals(Counts(0), new ConfidenceChangeCounts(2, 0, 2), rankings[1], TimeSpan.FromMilliseconds(2),
            [Counts(0), Counts(1), Counts(2)]);
        return new EvaluationTotals(["gradcam", "random"], [plain, random]);
    }

    [Fact]
    public void From_Totals_GivesEveryFieldInPercentAndMilliseconds()
    {
        var report = EvaluationReport.From(Totals(), "gradcam");

        var gradcam = report.Methods["gradcam"];
        // Drop: 2^31 units = 0.5 over 2 images → 25%; one increase of 2 → 50%. 30 ms over 2 images → 15 ms, 66.7 images/s.
        Assert.Equal(25.0, gradcam.Drop, 9);
        Assert.Equal(50.0, gradcam.Increase, 9);
        Assert.Equal(15.0, gradcam.MillisecondsPerImage, 9);
        Assert.Equal(1000.0 / 15, gradcam.ImagesPerSecond, 9);
        // Drops [1, 0] vs [2, 0]: gradcam beats random on image 0, ties on image 1.
        Assert.Equal(25.0, report.Methods["random"].WinPairwise!.Value, 9);
        Assert.Equal(75.0, gradcam.WinLowestDrop, 9);
        Assert.Null(gradcam.RandomMaps);
    }

    [Fact]
    public void From_RandomDraws_GivesMeanAndSampleStdOfAucD()
    {
        var random = EvaluationReport.From(Totals(), "gradcam").Methods["random"];

        // Positive hits after the clean step 0, 1 or 2 of 2: AUC 5, 5 + 8·5 + 2.5 = 47.5, 90 → AUC-D 85, 42.5, 0.
        // Mean 42.5; deviations ±42.5 and 0 → sample std √(2·42.5²/2) = 42.5.
        Assert.Equal(3, random.RandomMaps);
        Assert.Equal(42.5, random.RandomAucDifferenceMean!.Value, 9);
        Assert.Equal(42.5, random.RandomAucDifferenceStd!.Value, 9);
        Assert.Equal(85.0, random.AucDifference, 9);
    }

    [Fact]
    public void ToJson_ComparatorNotEvaluated_LeavesPairwiseWinOutAndKeepsTheOldFields()
    {
        using var json = JsonDocument.Parse(EvaluationReport.From(Totals(), "rise").ToJson());

        Assert.False(json.RootElement.TryGetProperty("win_against", out _));
        var gradcam = json.RootElement.GetProperty("methods").GetProperty("gradcam");
        Assert.Equal(
            ["pos_auc", "neg_auc", "auc_d", "n", "drop", "increase", "win_lowest_drop", "ms_per_image", "images_per_s"],
            gradcam.EnumerateObject().Select(p => p.Name));
        var random = json.RootElement.GetProperty("methods").GetProperty("random");
        Assert.Equal(3, random.GetProperty("random_maps").GetInt32());
        Assert.True(random.TryGetProperty("auc_d_std", out _));
    }

    [Fact]
    public void ToJson_ComparatorEvaluated_NamesItAtTopLevel()
    {
        using var json = JsonDocument.Parse(EvaluationReport.From(Totals(), "gradcam").ToJson());

        Assert.Equal("gradcam", json.RootElement.GetProperty("win_against").GetString());
        // The comparator ties with itself on every image: ½ each.
        Assert.Equal(50.0, json.RootElement.GetProperty("methods").GetProperty("gradcam").GetProperty("win_pairwise").GetDouble(), 9);
    }
}

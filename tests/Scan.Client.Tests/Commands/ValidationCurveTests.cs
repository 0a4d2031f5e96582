using Scan.Client.Commands;
using Scan.Client.Output;
using Scan.Core.Training;

namespace Scan.Client.Tests.Commands;

/// <summary>What `scan train` prints of the validation curve.</summary>
public sealed class ValidationCurveTests
{
    private static string Report(params EpochSummary[] history)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        ValidationCurve.Report(new ScanConsole(stdout, stderr, interactive: false), history);
        Assert.Equal("", stdout.ToString());
        return stderr.ToString();
    }

    [Fact]
    public void Report_UsefulDecoder_MarksTheKeptEpochWithoutWarning()
    {
        var text = Report(new EpochSummary(1, 0.5, 0.2, 100, 1, 40.5, 0.3), new EpochSummary(2, 0.4, 0.2, 100, 1, 47.25, -0.1), new EpochSummary(3, 0.3, 0.2, 100, 1, 45, 0.2));

        Assert.Contains("47.25", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), line => line.Contains("kept", StringComparison.Ordinal) && line.Contains("47.25", StringComparison.Ordinal));
        Assert.DoesNotContain("warning", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_DecoderNearRandom_Warns()
    {
        var text = Report(new EpochSummary(1, 0.5, 0.2, 100, 1, 3.5, 0.4));

        Assert.Contains("warning:", text, StringComparison.Ordinal);
        Assert.Contains("3.50", text, StringComparison.Ordinal);
        Assert.Contains("not trustworthy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_DecoderFarBelowRandom_WarnsThatTheMapIsInvertedAndNamesTheOtherWeight()
    {
        var text = Report(new EpochSummary(1, 1.25, 0.2, 100, 1, -45.55, -1.03));

        Assert.Contains("warning:", text, StringComparison.Ordinal);
        Assert.Contains("-45.55", text, StringComparison.Ordinal);
        Assert.Contains("did not rely on", text, StringComparison.Ordinal);
        Assert.Contains("--confidence-weight", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NoValidation_PrintsNothing() => Assert.Equal("", Report(new EpochSummary(1, 0.5, 0.2, 100, 1)));
}

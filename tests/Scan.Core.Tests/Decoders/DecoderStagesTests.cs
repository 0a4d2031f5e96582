using Scan.Core.Decoders;

namespace Scan.Core.Tests.Decoders;

public sealed class DecoderStagesTests
{
    [Theory]
    [InlineData(7, 224, 5)] // ResNet-50 (the paper)
    [InlineData(14, 224, 4)] // ViT-B/16 (the paper)
    [InlineData(8, 32, 2)]
    [InlineData(4, 32, 3)]
    [InlineData(32, 32, 0)]
    public void Count_PowerOfTwoRatio_IsItsLog(int grid, int size, int stages) => Assert.Equal(stages, DecoderStages.Count(grid, size));

    [Theory]
    [InlineData(7, 32)]
    [InlineData(3, 36)]
    [InlineData(64, 32)]
    public void Count_NotAPowerOfTwo_ThrowsNamingBothSizes(int grid, int size)
    {
        var error = Assert.Throws<ScanInputException>(() => DecoderStages.Count(grid, size));
        Assert.Contains($"{grid}×{grid}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{size}×{size}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Widths_LongerList_TakesTheLastEntries()
    {
        Assert.Equal([128, 96, 64], Residual([192, 128, 96, 64], 3));
        // The paper's widths for a 14×14 grid at 224 (4 stages) drop the first width.
        Assert.Equal([384, 256, 192, 128, 64], Residual(ScanSettings.PaperResidualWidths, 5));
    }

    [Fact]
    public void Widths_DefaultListTooShort_GrowsAtItsFront()
    {
        // ResNet-50's 7×7 layer4 at 224: 5 stages, 6 widths; ViT-B/16's 14×14 tokens at 224: 4 stages.
        Assert.Equal([96, 80, 64, 48, 32, 16], Residual(ScanSettings.DefaultResidualDecoderWidths, 6));
        Assert.Equal([64, 32, 16, 8, 8], DecoderStages.Widths(ScanSettings.DefaultTransformerDecoderWidths, 5, "TransformerDecoderWidths",
            ScanSettings.DefaultTransformerDecoderWidths, width => 2 * width));
        Assert.Equal([48, 32, 16], Residual(ScanSettings.DefaultResidualDecoderWidths, 3));
    }

    [Fact]
    public void Widths_TooFew_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ScanInputException>(() => Residual([64], 3));
        Assert.Contains("ResidualDecoderWidths", error.Message, StringComparison.Ordinal);
    }

    private static int[] Residual(IReadOnlyList<int> configured, int count) =>
        DecoderStages.Widths(configured, count, "ResidualDecoderWidths", ScanSettings.DefaultResidualDecoderWidths, width => width + 16);
}

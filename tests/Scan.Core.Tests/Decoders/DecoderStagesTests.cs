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
        Assert.Equal([128, 96, 64], DecoderStages.Widths([192, 128, 96, 64], 3, "ResidualDecoderWidths"));
        // The paper's widths for a 14×14 grid at 224 (4 stages) drop the first width.
        Assert.Equal([384, 256, 192, 128, 64], DecoderStages.Widths(ScanSettings.PaperResidualWidths, 5, "ResidualDecoderWidths"));
    }

    [Fact]
    public void Widths_TooFew_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ScanInputException>(() => DecoderStages.Widths([64], 3, "ResidualDecoderWidths"));
        Assert.Contains("ResidualDecoderWidths", error.Message, StringComparison.Ordinal);
    }
}

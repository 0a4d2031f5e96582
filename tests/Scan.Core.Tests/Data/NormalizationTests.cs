using Scan.Core.Data;

namespace Scan.Core.Tests.Data;

public sealed class NormalizationTests
{
    [Fact]
    public void FashionMnist_Constants_MatchTrainingPixelStatisticsToFourDecimals()
    {
        // Statistics of the 60,000 × 28 × 28 training bytes, worked out from raw byte sums (not from the data set class).
        var pixels = IdxReader.ReadImages(Path.Combine(FashionMnistDataset.DefaultDirectory, "train-images-idx3-ubyte.gz")).Pixels;
        double sum = 0, sumOfSquares = 0;
        foreach (var value in pixels)
        {
            sum += value;
            sumOfSquares += (double)value * value;
        }
        var mean = sum / pixels.Length / 255.0;
        var std = Math.Sqrt((sumOfSquares / pixels.Length / (255.0 * 255.0)) - (mean * mean));

        Assert.Equal(Math.Round(mean, 4), Normalization.FashionMnist.Mean[0], 4);
        Assert.Equal(Math.Round(std, 4), Normalization.FashionMnist.Std[0], 4);
    }
}

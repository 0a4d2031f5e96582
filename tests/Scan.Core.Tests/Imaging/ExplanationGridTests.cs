using Scan.Core.Data;
using Scan.Core.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Tests.Imaging;

public sealed class ExplanationGridTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scan-grid-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Write_TwoRowsTwoMethods_HeadersRowLabelsAndAColourBarFrameTheTiles()
    {
        var shape = new ImageShape(1, 8, 8);
        var grey = Enumerable.Repeat(0.5f, 64).ToArray();
        var (zeros, ones) = (new float[64], Enumerable.Repeat(1f, 64).ToArray());
        var path = Path.Combine(_directory, "grid.png");

        ExplanationGrid.Write(path, shape, [grey, grey], [[zeros, ones], [ones, zeros]], 4, ["scan", "gradcam"], ["Bag → Bag", "Coat → Shirt"], "true → predicted");

        using var figure = Image.Load<Rgb24>(path);
        var (tile, gap) = (8 * 4, 4);
        // Wider than the three tile columns (row labels on the left, the colour bar on the right), taller than the rows (the header).
        Assert.True(figure.Width > 3 * (tile + gap) + 40, $"width {figure.Width}");
        Assert.True(figure.Height > 2 * (tile + gap) + 10, $"height {figure.Height}");
        Assert.True(DarkPixels(figure, 0, 0, figure.Width, 16) > 20, "the column headers draw text above the tiles");
        Assert.True(DarkPixels(figure, 0, 20, 60, figure.Height - 20) > 20, "the row labels draw text left of the tiles (grey tiles hold no dark pixels)");
        var bar = BarColumn(figure);
        var (top, bottom) = (figure[bar, FirstRowOf(figure, bar) + 2], figure[bar, LastRowOf(figure, bar) - 2]);
        Assert.True(top.R > 100 && top.B < 60, $"the bar's top is red (1): {top}");
        Assert.True(bottom.B > 100 && bottom.R < 60, $"the bar's bottom is blue (0): {bottom}");
    }

    [Fact]
    public void Write_NamesNotMatchingTheColumns_Throws()
    {
        var shape = new ImageShape(1, 8, 8);
        var image = new float[64];
        Assert.Throws<ArgumentException>(() =>
            ExplanationGrid.Write(Path.Combine(_directory, "bad.png"), shape, [image], [[image, image]], 4, ["scan"], ["Bag → Bag"]));
        Assert.False(File.Exists(Path.Combine(_directory, "bad.png")));
    }

    private static int DarkPixels(Image<Rgb24> figure, int left, int top, int width, int height)
    {
        var count = 0;
        for (var y = top; y < Math.Min(top + height, figure.Height); y++)
        {
            for (var x = left; x < Math.Min(left + width, figure.Width); x++)
            {
                var p = figure[x, y];
                count += p.R < 100 && p.G < 100 && p.B < 100 ? 1 : 0;
            }
        }
        return count;
    }

    /// <summary>The rightmost column that holds a saturated blue pixel: the colour bar (the tiles' maps are further left).</summary>
    private static int BarColumn(Image<Rgb24> figure)
    {
        for (var x = figure.Width - 1; x >= 0; x--)
        {
            for (var y = 0; y < figure.Height; y++)
            {
                var p = figure[x, y];
                if (p.B > 100 && p.R < 60 && p.G < 60)
                {
                    return x - 2;
                }
            }
        }
        throw new InvalidOperationException("no colour bar found");
    }

    private static int FirstRowOf(Image<Rgb24> figure, int x) => Enumerable.Range(0, figure.Height).First(y => IsColour(figure[x, y]));

    private static int LastRowOf(Image<Rgb24> figure, int x) => Enumerable.Range(0, figure.Height).Last(y => IsColour(figure[x, y]));

    private static bool IsColour(Rgb24 p) => Math.Max(p.R, Math.Max(p.G, p.B)) - Math.Min(p.R, Math.Min(p.G, p.B)) > 80;
}

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace Scan.Core.Imaging;

/// <summary>
/// Frames a figure's tiles with text: a header over each column, a label left of each row, and a colour bar on the
/// right for the overlaid maps' 0–1 scale. Columns and rows are the tiles' grid (tile size plus <see cref="FigureTiles.Gap"/>).
/// </summary>
internal static class FigureLabels
{
    private const float TextSize = 13;
    private const int Padding = 6;
    private const int BarWidth = 14;

    public static void WritePng(string path, Image<Rgb24> tiles, int tileWidth, int tileHeight, IReadOnlyList<string> columnHeaders,
        IReadOnlyList<string> rowLabels, string barCaption, string rowHeader = "")
    {
        using var font = FigureFont.Create(TextSize);
        var lineHeight = (int)Math.Ceiling(font.Spacing);
        var labelWidth = rowLabels.Count == 0 ? 0 : (int)Math.Ceiling(rowLabels.Append(rowHeader).Max(label => font.MeasureText(label))) + 2 * Padding;
        var headerHeight = lineHeight + 2 * Padding;
        var barCaptionWidth = (int)Math.Ceiling(Math.Max(font.MeasureText(barCaption), font.MeasureText("0.5"))) + Padding;
        var width = labelWidth + tiles.Width + 2 * Padding + BarWidth + Padding + barCaptionWidth;
        var height = headerHeight + Math.Max(tiles.Height, 3 * lineHeight) + Padding;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var image = ToImage(tiles))
        {
            canvas.DrawImage(image, labelWidth, headerHeight, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (var column = 0; column < columnHeaders.Count; column++)
        {
            var centre = labelWidth + column * tileWidth + (tileWidth - FigureTiles.Gap) / 2f;
            canvas.DrawText(Fit(columnHeaders[column], font, tileWidth - FigureTiles.Gap), centre, Padding + font.Size, SKTextAlign.Center, font, ink);
        }
        canvas.DrawText(rowHeader, labelWidth - Padding, Padding + font.Size, SKTextAlign.Right, font, ink);
        for (var row = 0; row < rowLabels.Count; row++)
        {
            var middle = headerHeight + row * tileHeight + (tileHeight - FigureTiles.Gap) / 2f + font.Size / 3;
            canvas.DrawText(rowLabels[row], labelWidth - Padding, middle, SKTextAlign.Right, font, ink);
        }
        DrawColourBar(canvas, font, ink, labelWidth + tiles.Width + 2 * Padding, headerHeight, Math.Max(tiles.Height, 3 * lineHeight), barCaption);

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
    }

    private static void DrawColourBar(SKCanvas canvas, SKFont font, SKPaint ink, int left, int top, int height, string caption)
    {
        canvas.DrawText(caption, left, top - Padding, SKTextAlign.Left, font, ink);
        var barHeight = Math.Min(height, 256);
        using var fill = new SKPaint();
        for (var y = 0; y < barHeight; y++)
        {
            var (r, g, b) = ColorMap.Jet(1 - y / (float)(barHeight - 1));
            fill.Color = new SKColor(r, g, b);
            canvas.DrawRect(left, top + y, BarWidth, 1, fill);
        }
        using var frame = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(left, top, BarWidth, barHeight, frame);
        foreach (var (value, text) in new[] { (1f, "1"), (0.5f, "0.5"), (0f, "0") })
        {
            var y = top + (1 - value) * (barHeight - 1);
            canvas.DrawLine(left + BarWidth, y, left + BarWidth + 3, y, frame);
            canvas.DrawText(text, left + BarWidth + 5, y + font.Size / 3, SKTextAlign.Left, font, ink);
        }
    }

    /// <summary>The text, shortened with an ellipsis until it fits <paramref name="width"/> pixels.</summary>
    private static string Fit(string text, SKFont font, float width)
    {
        var fitted = text;
        while (fitted.Length > 1 && font.MeasureText(fitted) > width)
        {
            fitted = fitted[..^2] + "…";
        }
        return fitted;
    }

    /// <summary>The tiles' pixels as an opaque RGBA Skia image (a copy, no encoding).</summary>
    private static SKImage ToImage(Image<Rgb24> tiles)
    {
        var rgba = new byte[tiles.Width * tiles.Height * 4];
        tiles.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var offset = ((y * tiles.Width) + x) * 4;
                    (rgba[offset], rgba[offset + 1], rgba[offset + 2], rgba[offset + 3]) = (row[x].R, row[x].G, row[x].B, 255);
                }
            }
        });
        return SKImage.FromPixelCopy(new SKImageInfo(tiles.Width, tiles.Height, SKColorType.Rgba8888, SKAlphaType.Opaque), rgba)
            ?? throw new InvalidOperationException("SkiaSharp could not copy the figure's tiles.");
    }
}

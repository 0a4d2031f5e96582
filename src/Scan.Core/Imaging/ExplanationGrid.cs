using Scan.Core.Data;
using SixLabors.ImageSharp;

namespace Scan.Core.Imaging;

/// <summary>
/// The paper's Figures 3–4 as one PNG: a row per image, the input in the first column and one method's map overlaid
/// on it in each further column, in the order the maps are given.
/// </summary>
public static class ExplanationGrid
{
    /// <summary>Writes <paramref name="images"/>[r] with <paramref name="maps"/>[r][m] for every row r and method m.</summary>
    public static void Write(string path, ImageShape shape, IReadOnlyList<float[]> images, IReadOnlyList<IReadOnlyList<float[]>> maps, int scale)
    {
        if (images.Count == 0 || maps.Count != images.Count || maps.Any(row => row.Count != maps[0].Count))
        {
            throw new ArgumentException($"Expected one row of maps per image, all rows as long: {images.Count} images, rows of {string.Join(", ", maps.Select(r => r.Count))} maps.");
        }
        var (tileWidth, tileHeight) = (shape.Width * scale + FigureTiles.Gap, shape.Height * scale + FigureTiles.Gap);
        var columns = maps[0].Count + 1;
        using var figure = FigureTiles.Blank(columns * tileWidth - FigureTiles.Gap, images.Count * tileHeight - FigureTiles.Gap);
        for (var row = 0; row < images.Count; row++)
        {
            FigureTiles.Draw(figure, 0, row * tileHeight, shape, images[row], null, scale);
            for (var method = 0; method < maps[row].Count; method++)
            {
                FigureTiles.Draw(figure, (method + 1) * tileWidth, row * tileHeight, shape, images[row], maps[row][method], scale);
            }
        }
        AtomicFile.Write(path, stream => figure.SaveAsPng(stream));
    }
}

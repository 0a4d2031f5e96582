using Scan.Core.Data;
using SixLabors.ImageSharp;

namespace Scan.Core.Imaging;

/// <summary>
/// The paper's Figures 3–4 as one PNG: a row per image, the input in the first column and one method's map overlaid
/// on it in each further column, in the order the maps are given; a header names each column, a label each row, and a
/// colour bar gives the maps' scale.
/// </summary>
public static class ExplanationGrid
{
    /// <summary>Writes <paramref name="images"/>[r] with <paramref name="maps"/>[r][m] for every row r and method m.</summary>
    /// <param name="methods">The name of each map column, in the order of each row's maps.</param>
    /// <param name="rowLabels">One label per image, e.g. its true and predicted class.</param>
    /// <param name="rowHeader">The header over the row labels, saying what they are.</param>
    public static void Write(string path, ImageShape shape, IReadOnlyList<float[]> images, IReadOnlyList<IReadOnlyList<float[]>> maps, int scale,
        IReadOnlyList<string> methods, IReadOnlyList<string> rowLabels, string rowHeader = "")
    {
        if (images.Count == 0 || maps.Count != images.Count || maps.Any(row => row.Count != maps[0].Count))
        {
            throw new ArgumentException($"Expected one row of maps per image, all rows as long: {images.Count} images, rows of {string.Join(", ", maps.Select(r => r.Count))} maps.");
        }
        var (tileWidth, tileHeight) = (shape.Width * scale + FigureTiles.Gap, shape.Height * scale + FigureTiles.Gap);
        if (methods.Count != maps[0].Count || rowLabels.Count != images.Count)
        {
            throw new ArgumentException($"Expected a name per map column and a label per row: {methods.Count} names for {maps[0].Count} columns, {rowLabels.Count} labels for {images.Count} rows.");
        }
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
        FigureLabels.WritePng(path, figure, tileWidth, tileHeight, ["input", .. methods], rowLabels, "map", rowHeader);
    }
}

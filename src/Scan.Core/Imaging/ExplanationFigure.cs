using Scan.Core.Data;
using SixLabors.ImageSharp;

namespace Scan.Core.Imaging;

/// <summary>
/// One PNG with tiles side by side: the input, the map overlaid on it (jet, half transparent), and the
/// reconstruction when there is one, each under a header, with a colour bar for the map. Images are channel-major
/// floats in [0, 1]; the map is H×W in [0, 1].
/// </summary>
public static class ExplanationFigure
{
    /// <param name="mapTitle">The map's header, e.g. the method, the explained class and its probability.</param>
    public static void Write(string path, ImageShape shape, float[] image, float[] map, float[]? reconstruction, int scale, string mapTitle)
    {
        var tile = shape.Width * scale;
        var tiles = reconstruction is null ? 2 : 3;
        using var figure = FigureTiles.Blank(tiles * tile + (tiles - 1) * FigureTiles.Gap, shape.Height * scale);
        FigureTiles.Draw(figure, 0, 0, shape, image, null, scale);
        FigureTiles.Draw(figure, tile + FigureTiles.Gap, 0, shape, image, map, scale);
        if (reconstruction is not null)
        {
            FigureTiles.Draw(figure, 2 * (tile + FigureTiles.Gap), 0, shape, reconstruction, null, scale);
        }
        string[] headers = reconstruction is null ? ["input", mapTitle] : ["input", mapTitle, "SCAN's reconstruction"];
        FigureLabels.WritePng(path, figure, tile + FigureTiles.Gap, shape.Height * scale + FigureTiles.Gap, headers, [], "map");
    }
}

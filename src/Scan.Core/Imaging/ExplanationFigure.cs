using Scan.Core.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Imaging;

/// <summary>
/// One PNG with tiles side by side: the input, the map overlaid on it (jet, half transparent), and the
/// reconstruction when there is one. Images are channel-major floats in [0, 1]; the map is H×W in [0, 1].
/// </summary>
public static class ExplanationFigure
{
    private const int Gap = 4;
    private const float OverlayOpacity = 0.5f;

    public static void Write(string path, ImageShape shape, float[] image, float[] map, float[]? reconstruction, int scale)
    {
        var (height, width) = (shape.Height, shape.Width);
        var tiles = reconstruction is null ? 2 : 3;
        using var figure = new Image<Rgb24>(tiles * width * scale + (tiles - 1) * Gap, height * scale, new Rgb24(255, 255, 255));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var input = Pixel(shape, image, y, x);
                var heat = ColorMap.Jet(map[y * width + x]);
                var overlay = new Rgb24(Blend(input.R, heat.R), Blend(input.G, heat.G), Blend(input.B, heat.B));
                Fill(figure, 0, x, y, scale, input);
                Fill(figure, width * scale + Gap, x, y, scale, overlay);
                if (reconstruction is not null)
                {
                    Fill(figure, 2 * (width * scale + Gap), x, y, scale, Pixel(shape, reconstruction, y, x));
                }
            }
        }
        AtomicFile.Write(path, stream => figure.SaveAsPng(stream));
    }

    private static byte Blend(byte under, byte over) => (byte)Math.Round((1 - OverlayOpacity) * under + OverlayOpacity * over);

    private static Rgb24 Pixel(ImageShape shape, float[] pixels, int y, int x)
    {
        var plane = shape.Height * shape.Width;
        byte Channel(int c) => (byte)Math.Round(255 * Math.Clamp(pixels[c * plane + y * shape.Width + x], 0f, 1f));
        return shape.Channels >= 3 ? new Rgb24(Channel(0), Channel(1), Channel(2)) : new Rgb24(Channel(0), Channel(0), Channel(0));
    }

    private static void Fill(Image<Rgb24> figure, int left, int x, int y, int scale, Rgb24 colour)
    {
        for (var dy = 0; dy < scale; dy++)
        {
            for (var dx = 0; dx < scale; dx++)
            {
                figure[left + x * scale + dx, y * scale + dy] = colour;
            }
        }
    }
}

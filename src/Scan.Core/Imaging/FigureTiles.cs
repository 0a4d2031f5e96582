using Scan.Core.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Scan.Core.Imaging;

/// <summary>
/// The pixels of explanation figures: an image tile, a map overlaid on it (jet, half transparent), each pixel drawn as
/// a scale×scale block. Images are channel-major floats in [0, 1]; maps are H×W in [0, 1].
/// </summary>
internal static class FigureTiles
{
    public const int Gap = 4;
    private const float OverlayOpacity = 0.5f;

    public static Image<Rgb24> Blank(int width, int height) => new(width, height, new Rgb24(255, 255, 255));

    /// <summary>Draws the image (and, when given, the map over it) with its top-left corner at (left, top).</summary>
    public static void Draw(Image<Rgb24> figure, int left, int top, ImageShape shape, float[] image, float[]? map, int scale)
    {
        for (var y = 0; y < shape.Height; y++)
        {
            for (var x = 0; x < shape.Width; x++)
            {
                var colour = Pixel(shape, image, y, x);
                if (map is not null)
                {
                    var heat = ColorMap.Jet(map[y * shape.Width + x]);
                    colour = new Rgb24(Blend(colour.R, heat.R), Blend(colour.G, heat.G), Blend(colour.B, heat.B));
                }
                for (var dy = 0; dy < scale; dy++)
                {
                    for (var dx = 0; dx < scale; dx++)
                    {
                        figure[left + x * scale + dx, top + y * scale + dy] = colour;
                    }
                }
            }
        }
    }

    private static byte Blend(byte under, byte over) => (byte)Math.Round((1 - OverlayOpacity) * under + OverlayOpacity * over);

    private static Rgb24 Pixel(ImageShape shape, float[] pixels, int y, int x)
    {
        var plane = shape.Height * shape.Width;
        byte Channel(int c) => (byte)Math.Round(255 * Math.Clamp(pixels[c * plane + y * shape.Width + x], 0f, 1f));
        return shape.Channels >= 3 ? new Rgb24(Channel(0), Channel(1), Channel(2)) : new Rgb24(Channel(0), Channel(0), Channel(0));
    }
}

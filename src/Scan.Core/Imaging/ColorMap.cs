namespace Scan.Core.Imaging;

/// <summary>The "jet" colour map (blue → cyan → yellow → red) for values in [0, 1].</summary>
public static class ColorMap
{
    public static (byte R, byte G, byte B) Jet(float value)
    {
        var v = Math.Clamp(value, 0f, 1f);
        static byte Channel(float distance) => (byte)Math.Round(255 * Math.Clamp(1.5f - Math.Abs(distance), 0f, 1f));
        return (Channel(4 * v - 3), Channel(4 * v - 2), Channel(4 * v - 1));
    }
}

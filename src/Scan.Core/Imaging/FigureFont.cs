using SkiaSharp;

namespace Scan.Core.Imaging;

/// <summary>The typeface of figure text: DejaVu Sans from Debian's fonts-dejavu-core, read from its file.</summary>
internal static class FigureFont
{
    public const string DebianPackage = "fonts-dejavu-core";

    public const string File = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> Typeface = new(() =>
        (System.IO.File.Exists(File) ? SKTypeface.FromFile(File) : null)
        ?? throw new ScanInputException($"{File} is missing: figures need the font of Debian's {DebianPackage} (sudo apt-get install -y {DebianPackage})."));

    public static SKFont Create(float size) => new(Typeface.Value, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
}

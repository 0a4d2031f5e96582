using System.Buffers.Binary;
using System.IO.Compression;

namespace Scan.Core.Tests.Data;

/// <summary>Writes small IDX files (raw or gzip) for the tests.</summary>
internal static class IdxTestFiles
{
    public static byte[] Images(int count, int rows, int columns, byte[] pixels) =>
        Build(0x00000803, [count, rows, columns], pixels);

    public static byte[] Labels(byte[] labels) => Build(0x00000801, [labels.Length], labels);

    public static string Write(string path, byte[] content, bool gzip)
    {
        if (gzip)
        {
            using var file = System.IO.File.Create(path);
            using var compressor = new GZipStream(file, CompressionLevel.Fastest);
            compressor.Write(content);
        }
        else
        {
            System.IO.File.WriteAllBytes(path, content);
        }
        return path;
    }

    private static byte[] Build(int magic, int[] sizes, byte[] body)
    {
        var content = new byte[4 + (4 * sizes.Length) + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(content, magic);
        for (var d = 0; d < sizes.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4 + (4 * d)), sizes[d]);
        }
        body.CopyTo(content, 4 + (4 * sizes.Length));
        return content;
    }
}

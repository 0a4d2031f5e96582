using System.Buffers.Binary;
using System.IO.Compression;

namespace Scan.Core.Data;

/// <summary>
/// Reads unsigned-byte IDX files (the MNIST format), raw or gzip-compressed: a big-endian magic number
/// (0x00000803 for images, 0x00000801 for labels), big-endian int32 sizes, then the bytes.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    private const int MaxContentBytes = int.MaxValue - 64;

    public static IdxImages ReadImages(string path)
    {
        var content = ReadContent(path);
        var sizes = ReadSizes(path, content, ImagesMagic, 3);
        var pixels = TakeBody(path, content, 16, (long)sizes[0] * sizes[1] * sizes[2]);
        return new IdxImages(sizes[0], sizes[1], sizes[2], pixels);
    }

    public static byte[] ReadLabels(string path)
    {
        var content = ReadContent(path);
        var count = ReadSizes(path, content, LabelsMagic, 1)[0];
        return TakeBody(path, content, 8, count);
    }

    private static int[] ReadSizes(string path, ReadOnlySpan<byte> content, int expectedMagic, int dimensions)
    {
        var headerLength = 4 + (4 * dimensions);
        if (content.Length < 4)
        {
            throw new ScanInputException($"{path}: truncated IDX file ({content.Length} bytes, fewer than the 4 of the magic number).");
        }
        var magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
        {
            throw new ScanInputException($"{path}: not an IDX {(expectedMagic == ImagesMagic ? "image" : "label")} file (magic number 0x{magic:X8}, expected 0x{expectedMagic:X8}).");
        }
        if (content.Length < headerLength)
        {
            throw new ScanInputException($"{path}: truncated IDX file ({content.Length} bytes, fewer than the {headerLength} of its header).");
        }
        var sizes = new int[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(content[(4 + (4 * d))..]);
            if (sizes[d] < 0)
            {
                throw new ScanInputException($"{path}: IDX size {d} is negative ({sizes[d]}).");
            }
        }
        return sizes;
    }

    private static byte[] TakeBody(string path, byte[] content, int headerLength, long promised)
    {
        var actual = content.LongLength - headerLength;
        if (actual < promised)
        {
            throw new ScanInputException($"{path}: truncated IDX file (its header promises {promised} data bytes, it holds {actual}).");
        }
        if (actual > promised)
        {
            throw new ScanInputException($"{path}: IDX file longer than its header says ({actual} data bytes, the header promises {promised}).");
        }
        return content[headerLength..];
    }

    private static byte[] ReadContent(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScanInputException($"{path}: IDX file not found.");
        }
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var isGzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            using var source = isGzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return ReadAllBounded(path, source);
        }
        catch (InvalidDataException exception)
        {
            throw new ScanInputException($"{path}: damaged gzip stream ({exception.Message}).", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ScanInputException($"{path}: cannot read the IDX file ({exception.Message}).", exception);
        }
    }

    private static byte[] ReadAllBounded(string path, Stream source)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 20];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxContentBytes)
            {
                throw new ScanInputException($"{path}: IDX content larger than {MaxContentBytes} bytes, more than this reader holds in memory.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

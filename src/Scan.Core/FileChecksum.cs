using System.Security.Cryptography;

namespace Scan.Core;

/// <summary>SHA-256 of weight files, recorded in the description written after them and checked when they load.</summary>
public static class FileChecksum
{
    public static string Of(string path)
    {
        using var stream = ArtifactFile.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Throws, naming <paramref name="path"/> and <paramref name="recordedIn"/>, when the SHA-256 of its
    /// <paramref name="content"/> differs from <paramref name="expected"/>; files written before checksums were recorded
    /// (null) are not checked.
    /// </summary>
    public static void Verify(byte[] content, string path, string? expected, string recordedIn)
    {
        if (expected is not null && Convert.ToHexStringLower(SHA256.HashData(content)) is var actual && !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new ScanInputException(
                $"{path} is corrupt: its SHA-256 is {actual}, but {recordedIn} recorded {expected} when it was written. Restore it from a copy or write it again.");
        }
    }
}

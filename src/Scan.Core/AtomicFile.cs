namespace Scan.Core;

/// <summary>
/// Writes a file so that readers see the old content or the new, never half of it: a temporary file beside it, then a
/// rename, both through one <see cref="ArtifactDirectory"/> (so beneath an artifact root no link redirects them).
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        using var directory = ArtifactDirectory.Open(Path.GetDirectoryName(full)!, create: true);
        var temporary = $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = directory.OpenFile(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            directory.Replace(temporary, name);
        }
        catch
        {
            directory.Delete(temporary);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
}

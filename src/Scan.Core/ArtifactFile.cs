namespace Scan.Core;

/// <summary>Reads the files of targets, decoders, checkpoints and progress records through <see cref="ArtifactDirectory"/>, so that beneath an artifact root none is read through a link.</summary>
public static class ArtifactFile
{
    public static FileStream OpenRead(string path)
    {
        var full = Path.GetFullPath(path);
        using var directory = ArtifactDirectory.Open(Path.GetDirectoryName(full)!, create: false);
        return directory.OpenFile(Path.GetFileName(full), FileMode.Open, FileAccess.Read);
    }

    /// <summary>The whole file, read once: what is checked against a checksum is what is then loaded.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        using var stream = OpenRead(path);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    public static string ReadAllText(string path)
    {
        using var reader = new StreamReader(OpenRead(path));
        return reader.ReadToEnd();
    }
}

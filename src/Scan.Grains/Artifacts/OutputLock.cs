using Scan.Core;

namespace Scan.Grains.Artifacts;

/// <summary>
/// A job's hold on its output directory: an exclusive lock (flock) on DIR/.scan-job, held from the job's start to
/// its end, so a second job naming the same directory is refused instead of overwriting the first one's checkpoints.
/// The operating system drops the lock when the holding process dies, so a killed silo leaves no stale lock behind.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string FileName = ".scan-job";
    private const int WouldBlock = 11;

    private readonly FileStream _file;

    private OutputLock(FileStream file, string? previousOwner) => (_file, PreviousOwner) = (file, previousOwner);

    /// <summary>The job that held the directory last before this lock (null for a directory never locked).</summary>
    public string? PreviousOwner { get; }

    /// <summary>Creates <paramref name="directory"/> when missing and locks it for job <paramref name="jobId"/>.</summary>
    public static OutputLock Acquire(string directory, string jobId)
    {
        var path = Path.Combine(directory, FileName);
        FileStream file;
        try
        {
            using var output = ArtifactDirectory.Open(directory, create: true);
            file = output.OpenFile(FileName, FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive: true);
        }
        catch (IOException e) when (e.HResult == WouldBlock)
        {
            throw new ScanInputException($"--out {directory}: another job is writing to it (it holds {path}); wait for that job to end or choose another directory.");
        }
        string previousOwner;
        using (var reader = new StreamReader(file, leaveOpen: true))
        {
            previousOwner = reader.ReadToEnd().Trim();
        }
        file.SetLength(0);
        file.Position = 0;
        file.Write(System.Text.Encoding.UTF8.GetBytes(jobId + "\n"));
        file.Flush();
        return new OutputLock(file, previousOwner.Length == 0 ? null : previousOwner);
    }

    public void Dispose() => _file.Dispose();
}

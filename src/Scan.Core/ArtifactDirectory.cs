using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Scan.Core.Native;

namespace Scan.Core;

/// <summary>
/// A directory opened once, through which the files in it are opened, renamed and deleted. Beneath a confined root
/// (a silo's artifact root, whose paths the silo checked with their links resolved) every component of the path is
/// opened without following symbolic links (openat with O_NOFOLLOW), and every later operation goes through the open
/// directory: a link swapped in after the check is refused instead of followed, and a directory moved away while a
/// file is written keeps receiving it. Elsewhere (a client's own paths) it works on plain paths, links followed.
/// </summary>
public sealed class ArtifactDirectory : IDisposable
{
    private const int NewDirectoryMode = 0x1FF, NewFileMode = 0x1B6;
    private static ImmutableHashSet<string> _confinedRoots = ImmutableHashSet<string>.Empty;

    private readonly SafeFileHandle? _handle;

    private ArtifactDirectory(string path, SafeFileHandle? handle) => (Path, _handle) = (path, handle);

    /// <summary>The directory's absolute path.</summary>
    public string Path { get; }

    /// <summary>
    /// From now on, opens nothing beneath <paramref name="realRoot"/> (a path without symbolic links) through a link;
    /// the roots of every silo in this process add up. Linux only: elsewhere links are followed as before.
    /// </summary>
    public static void Confine(string realRoot)
    {
        if (OperatingSystem.IsLinux())
        {
            ImmutableInterlocked.Update(ref _confinedRoots, roots => roots.Add(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(realRoot))));
        }
    }

    /// <summary>Opens directory <paramref name="path"/>, creating it and its missing parents when <paramref name="create"/> is set.</summary>
    public static ArtifactDirectory Open(string path, bool create)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        if (ConfinedRootOf(full) is not { } root)
        {
            if (create)
            {
                System.IO.Directory.CreateDirectory(full);
            }
            else if (!System.IO.Directory.Exists(full))
            {
                throw new DirectoryNotFoundException($"{full}: no such directory");
            }
            return new ArtifactDirectory(full, null);
        }
        var handle = OpenRoot(root);
        var walked = root;
        foreach (var part in full[root.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            walked = System.IO.Path.Combine(walked, part);
            using var parent = handle;
            handle = OpenBeneath(parent, part, walked, create);
        }
        return new ArtifactDirectory(full, handle);
    }

    /// <summary>Opens file <paramref name="name"/> of this directory; <paramref name="exclusive"/> also takes an exclusive lock (flock) or throws an IOException whose HResult is EWOULDBLOCK (11).</summary>
    public FileStream OpenFile(string name, FileMode mode, FileAccess access, bool exclusive = false)
    {
        if (_handle is null)
        {
            return new FileStream(System.IO.Path.Combine(Path, name), mode, access, exclusive ? FileShare.None : FileShare.Read);
        }
        var flags = (access switch { FileAccess.Read => LinuxFileCalls.ReadOnly, FileAccess.Write => LinuxFileCalls.WriteOnly, _ => LinuxFileCalls.ReadWrite })
            | mode switch
            {
                FileMode.CreateNew => LinuxFileCalls.Create | LinuxFileCalls.Exclusive,
                FileMode.Create => LinuxFileCalls.Create | LinuxFileCalls.Truncate,
                FileMode.OpenOrCreate => LinuxFileCalls.Create,
                FileMode.Open => 0,
                _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not supported beneath an artifact root"),
            };
        var path = System.IO.Path.Combine(Path, name);
        var file = Checked(LinuxFileCalls.OpenAt(_handle, name, flags | LinuxFileCalls.NoFollow | LinuxFileCalls.CloseOnExec, NewFileMode), path);
        if (exclusive && LinuxFileCalls.Flock(file, LinuxFileCalls.LockExclusive | LinuxFileCalls.LockNonBlocking) != 0)
        {
            var error = LinuxFileCalls.LastError(path);
            file.Dispose();
            throw error;
        }
        return new FileStream(file, access);
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> in this directory, replacing a file of that name.</summary>
    public void Replace(string from, string to)
    {
        if (_handle is null)
        {
            File.Move(System.IO.Path.Combine(Path, from), System.IO.Path.Combine(Path, to), overwrite: true);
        }
        else if (LinuxFileCalls.RenameAt(_handle, from, _handle, to) != 0)
        {
            throw LinuxFileCalls.LastError(System.IO.Path.Combine(Path, to));
        }
    }

    /// <summary>Deletes file <paramref name="name"/> of this directory if it exists.</summary>
    public void Delete(string name)
    {
        if (_handle is null)
        {
            File.Delete(System.IO.Path.Combine(Path, name));
        }
        else if (LinuxFileCalls.UnlinkAt(_handle, name, 0) != 0 && Marshal.GetLastPInvokeError() != LinuxFileCalls.NoSuchEntry)
        {
            throw LinuxFileCalls.LastError(System.IO.Path.Combine(Path, name));
        }
    }

    public void Dispose() => _handle?.Dispose();

    private static string? ConfinedRootOf(string full) =>
        _confinedRoots.FirstOrDefault(root => full == root || full.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private static SafeFileHandle OpenRoot(string root) =>
        Checked(LinuxFileCalls.Open(root, LinuxFileCalls.ReadOnly | LinuxFileCalls.Directory | LinuxFileCalls.CloseOnExec, 0), root);

    private static SafeFileHandle OpenBeneath(SafeFileHandle parent, string part, string walked, bool create)
    {
        const int flags = LinuxFileCalls.ReadOnly | LinuxFileCalls.CloseOnExec;
        var directoryFlags = flags | LinuxFileCalls.Directory | LinuxFileCalls.NoFollow;
        var fd = LinuxFileCalls.OpenAt(parent, part, directoryFlags, 0);
        if (fd < 0 && create && Marshal.GetLastPInvokeError() == LinuxFileCalls.NoSuchEntry)
        {
            if (LinuxFileCalls.MakeDirectoryAt(parent, part, NewDirectoryMode) != 0 && Marshal.GetLastPInvokeError() != LinuxFileCalls.Exists)
            {
                throw LinuxFileCalls.LastError(walked);
            }
            fd = LinuxFileCalls.OpenAt(parent, part, directoryFlags, 0);
        }
        if (fd < 0 && Marshal.GetLastPInvokeError() == LinuxFileCalls.NotDirectory)
        {
            throw LinkRefused(walked, "or not a directory");
        }
        return Checked(fd, walked);
    }

    private static SafeFileHandle Checked(int fd, string path)
    {
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == LinuxFileCalls.TooManyLinks ? LinkRefused(path) : LinuxFileCalls.LastError(path);
        }
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>O_NOFOLLOW met a link (ELOOP), or a directory's place holds something else (ENOTDIR).</summary>
    private static ScanInputException LinkRefused(string path, string? orWhat = null) => new(
        $"{path} is a symbolic link{(orWhat is null ? "" : " " + orWhat)}: silos follow no link beneath their artifact root once they checked a job's paths (was it swapped in after the check?).");
}

using System.Runtime.InteropServices;

namespace Scan.Core.Native;

/// <summary>
/// The libc calls that open files relative to an open directory (openat(2) and its kin), which .NET does not expose,
/// with Linux's flag values (those of x86-64, and of arm64 where they differ). Tmds.LibC, served here, lacks renameat
/// and flock.
/// </summary>
internal static partial class LinuxFileCalls
{
    public const int ReadOnly = 0, WriteOnly = 1, ReadWrite = 2;
    public const int Create = 0x40, Exclusive = 0x80, Truncate = 0x200, CloseOnExec = 0x80000;
    public const int LockExclusive = 2, LockNonBlocking = 4;
    public const int NoSuchEntry = 2, WouldBlock = 11, Exists = 17, NotDirectory = 20, TooManyLinks = 40;

    private static bool Arm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public static int Directory => Arm ? 0x4000 : 0x10000;

    public static int NoFollow => Arm ? 0x8000 : 0x20000;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int OpenAt(SafeHandle directory, string name, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "mkdirat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MakeDirectoryAt(SafeHandle directory, string name, int mode);

    [LibraryImport("libc", EntryPoint = "renameat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int RenameAt(SafeHandle fromDirectory, string from, SafeHandle toDirectory, string to);

    [LibraryImport("libc", EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int UnlinkAt(SafeHandle directory, string name, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(SafeHandle file, int operation);

    /// <summary>An IOException for the last call's errno, naming <paramref name="path"/>; its HResult is the errno.</summary>
    public static IOException LastError(string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        var message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno == NoSuchEntry ? new FileNotFoundException(message, path) : new IOException(message, errno);
    }
}

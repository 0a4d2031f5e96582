using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scan.Core.Native;

/// <summary>
/// Loads the libstdc++ shim that the build leaves beside libLibTorchSharp.so on systems whose libstdc++ is too old
/// (build/TorchSharpNative.targets), before TorchSharp loads its native library. Elsewhere it does nothing.
/// </summary>
public static partial class TorchNativeSetup
{
    public const string ShimFileName = "libscan_ios_base_init_shim.so";
    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;
    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>True when the shim was found and loaded.</summary>
    public static bool ShimLoaded { get; private set; }

#pragma warning disable CA2255 // Must run before any TorchSharp type initialiser, whatever the entry point.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        OneDnnIsa.Apply();
        EnsureLoaded(AppContext.BaseDirectory);
    }

    public static void EnsureLoaded(string directory)
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }
            _done = true;
            var shim = Path.Combine(directory, ShimFileName);
            if (!OperatingSystem.IsLinux() || !File.Exists(shim))
            {
                return;
            }
            if (DlOpen(shim, RtldNow | RtldGlobal) == IntPtr.Zero)
            {
                throw new DllNotFoundException($"Could not load {shim}: {Marshal.PtrToStringAnsi(DlError())}");
            }
            ShimLoaded = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr DlOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dlerror")]
    private static partial IntPtr DlError();
}

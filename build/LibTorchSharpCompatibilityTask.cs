// Compiled by MSBuild (RoslynCodeTaskFactory, netstandard, no nullable context) and by the tests.
#nullable disable
#pragma warning disable CA1050 // The task factory finds the task by its simple name.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
#if !SCAN_ELF_ONLY
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

#if !SCAN_ELF_ONLY // The tests compile only ElfVersions below.
/// <summary>
/// Makes TorchSharp's libLibTorchSharp.so load on a system whose libstdc++ is older than the one it was built
/// with (Debian 12), when the only missing libstdc++ version is GLIBCXX_3.4.32: it builds a shim defining that
/// version's one symbol and marks the version requirement weak in the copy in the build output.
/// Machines whose libstdc++ has every needed version are left alone.
/// </summary>
public sealed class LibTorchSharpCompatibilityTask : Microsoft.Build.Utilities.Task
{
    public const string ShimmableVersion = "GLIBCXX_3.4.32";

    [Required] public string NativeLibrary { get; set; } = "";
    [Required] public string ShimSource { get; set; } = "";
    [Required] public string ShimOutput { get; set; } = "";
    public string LibStdCxx { get; set; } = "";
    public string Compiler { get; set; } = "g++";

    [Output] public bool Patched { get; set; }

    public override bool Execute()
    {
        if (!File.Exists(NativeLibrary))
        {
            return true;
        }
        var libStdCxx = string.IsNullOrEmpty(LibStdCxx) ? ElfVersions.FindSystemLibStdCxx() : LibStdCxx;
        if (libStdCxx == null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++.so.6 found; TorchSharp left as shipped.");
            return true;
        }
        var missing = ElfVersions.MissingVersions(NativeLibrary, "libstdc++.so.6", libStdCxx);
        if (missing.Count == 0)
        {
            DeleteIfPresent(ShimOutput);
            return true;
        }
        if (missing.Any(v => v != ShimmableVersion))
        {
            Log.LogError("{0} needs {1} from libstdc++, which {2} lacks; only {3} can be shimmed. Use a newer libstdc++ (Ubuntu 24.04, Debian 13).",
                NativeLibrary, string.Join(", ", missing), libStdCxx, ShimmableVersion);
            return false;
        }
        if (!File.Exists(ShimOutput) || File.GetLastWriteTimeUtc(ShimOutput) < File.GetLastWriteTimeUtc(ShimSource))
        {
            if (!CompileShim())
            {
                return false;
            }
        }
        ElfVersions.MarkVersionNeedWeak(NativeLibrary, ShimmableVersion);
        Patched = true;
        Log.LogMessage(MessageImportance.Normal, "{0} lacks {1}: built {2} and marked the requirement weak in {3}.",
            libStdCxx, ShimmableVersion, ShimOutput, NativeLibrary);
        return true;
    }

    private bool CompileShim()
    {
        var temporary = ShimOutput + ".tmp";
        var start = new ProcessStartInfo(Compiler, $"-shared -fPIC -O2 -o \"{temporary}\" \"{ShimSource}\"")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using (var process = Process.Start(start))
            {
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    Log.LogError("{0} failed to build the libstdc++ shim {1}: {2}", Compiler, ShimOutput, errors);
                    return false;
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Log.LogError("This system's libstdc++ lacks {0}, which TorchSharp needs, and '{1}' (needed to build a shim for it) was not found. Install it: apt-get install -y g++",
                ShimmableVersion, Compiler);
            return false;
        }
        DeleteIfPresent(ShimOutput);
        File.Move(temporary, ShimOutput);
        return true;
    }

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

#endif

/// <summary>The parts of ELF64 (little-endian) symbol versioning that the compatibility task reads and writes.</summary>
public static class ElfVersions
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    private static readonly string[] LibraryDirectories =
    {
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/lib64", "/usr/lib64", "/lib", "/usr/lib",
    };

    public sealed class VersionNeed
    {
        public VersionNeed(string file, string version, ushort flags, long flagsOffset)
        {
            File = file;
            Version = version;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        public string File { get; }
        public string Version { get; }
        public ushort Flags { get; }
        public long FlagsOffset { get; }
    }

    public static string FindSystemLibStdCxx() =>
        LibraryDirectories.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);

    /// <summary>Every version of <paramref name="fromFile"/> that <paramref name="elfPath"/> needs, weak or not.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(string elfPath)
    {
        var bytes = File.ReadAllBytes(elfPath);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new InvalidDataException($"{elfPath} is not an ELF file.");
        }
        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException($"{elfPath} is not a little-endian 64-bit ELF file.");
        }
        var sectionOffset = (long)BitConverter.ToUInt64(bytes, 0x28);
        var sectionSize = BitConverter.ToUInt16(bytes, 0x3A);
        var sectionCount = BitConverter.ToUInt16(bytes, 0x3C);
        var needs = new List<VersionNeed>();
        for (var i = 0; i < sectionCount; i++)
        {
            var header = checked((int)(sectionOffset + i * sectionSize));
            if (BitConverter.ToUInt32(bytes, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            var offset = checked((int)BitConverter.ToUInt64(bytes, header + 0x18));
            var stringsHeader = checked((int)(sectionOffset + BitConverter.ToUInt32(bytes, header + 0x28) * sectionSize));
            var strings = checked((int)BitConverter.ToUInt64(bytes, stringsHeader + 0x18));
            var entries = BitConverter.ToUInt32(bytes, header + 0x2C);
            for (var n = 0; n < entries; n++)
            {
                var file = ReadString(bytes, strings + (int)BitConverter.ToUInt32(bytes, offset + 4));
                var auxCount = BitConverter.ToUInt16(bytes, offset + 2);
                var aux = offset + (int)BitConverter.ToUInt32(bytes, offset + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(bytes, strings + (int)BitConverter.ToUInt32(bytes, aux + 8));
                    needs.Add(new VersionNeed(file, name, BitConverter.ToUInt16(bytes, aux + 4), aux + 4));
                    aux += (int)BitConverter.ToUInt32(bytes, aux + 12);
                }
                offset += (int)BitConverter.ToUInt32(bytes, offset + 12);
            }
        }
        return needs;
    }

    /// <summary>The non-weak versions of <paramref name="soname"/> needed by <paramref name="elfPath"/> that <paramref name="provider"/> does not define.</summary>
    public static IReadOnlyList<string> MissingVersions(string elfPath, string soname, string provider)
    {
        var providerBytes = File.ReadAllBytes(provider);
        return ReadVersionNeeds(elfPath)
            .Where(n => n.File == soname && (n.Flags & VerFlagWeak) == 0)
            .Select(n => n.Version)
            .Where(v => !Contains(providerBytes, Encoding.ASCII.GetBytes(v + "\0")))
            .ToList();
    }

    /// <summary>Sets VER_FLG_WEAK on the requirement of <paramref name="version"/>; a no-op when it is already set.</summary>
    public static void MarkVersionNeedWeak(string elfPath, string version)
    {
        var need = ReadVersionNeeds(elfPath).FirstOrDefault(n => n.Version == version)
            ?? throw new InvalidDataException($"{elfPath} does not require {version}.");
        if ((need.Flags & VerFlagWeak) != 0)
        {
            return;
        }
        using var stream = new FileStream(elfPath, FileMode.Open, FileAccess.Write);
        stream.Position = need.FlagsOffset;
        stream.Write(BitConverter.GetBytes((ushort)(need.Flags | VerFlagWeak)), 0, 2);
    }

    private static string ReadString(byte[] bytes, int offset)
    {
        var end = Array.IndexOf(bytes, (byte)0, offset);
        return Encoding.ASCII.GetString(bytes, offset, end - offset);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var start = Array.IndexOf(haystack, needle[0]); start >= 0 && start <= haystack.Length - needle.Length;
             start = Array.IndexOf(haystack, needle[0], start + 1))
        {
            var i = 1;
            while (i < needle.Length && haystack[start + i] == needle[i])
            {
                i++;
            }
            if (i == needle.Length)
            {
                return true;
            }
        }
        return false;
    }
}

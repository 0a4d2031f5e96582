using System.Runtime.InteropServices;

namespace Scan.Core.Native;

/// <summary>
/// Caps oneDNN, which libtorch uses for CPU convolutions, at AVX2 on AMD processors with AVX-512: there the
/// AVX-512 kernels of TorchSharp 0.107's libtorch give wrong results (a GroupNorm decoder's output for one sample
/// changed with its batch; training losses became infinite under load). A value the user set is left alone.
/// </summary>
public static partial class OneDnnIsa
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";
    public const string Cap = "AVX2";

    /// <summary>True when this process capped oneDNN (the variable was unset and the processor is affected).</summary>
    public static bool Capped { get; private set; }

    /// <summary>Sets the cap in the native environment, where oneDNN reads it at its first kernel; call before any tensor work.</summary>
    public static void Apply()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null || !File.Exists(cpuinfo)
            || !IsAffected(File.ReadAllText(cpuinfo)))
        {
            return;
        }
        if (SetEnv(Variable, Cap, 0) != 0)
        {
            throw new InvalidOperationException($"Could not set {Variable}={Cap} for oneDNN.");
        }
        Environment.SetEnvironmentVariable(Variable, Cap);
        Capped = true;
    }

    /// <summary>Whether a /proc/cpuinfo text describes an AMD processor with AVX-512.</summary>
    public static bool IsAffected(string cpuinfo)
    {
        string? Field(string name) => cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : null;
        return Field("vendor_id") == "AuthenticAMD" && (Field("flags") ?? "").Split(' ').Contains("avx512f");
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}

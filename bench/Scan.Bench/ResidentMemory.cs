namespace Scan.Bench;

/// <summary>The process's resident memory from Linux's /proc/self/status: the current size and the peak since the last reset.</summary>
internal static class ResidentMemory
{
    /// <summary>Resets the peak to the current size (writing 5 to /proc/self/clear_refs) and returns the current size in bytes.</summary>
    public static long ResetPeak()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Read("VmRSS:");
    }

    /// <summary>The peak resident size in bytes since the last <see cref="ResetPeak"/>.</summary>
    public static long Peak() => Read("VmHWM:");

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

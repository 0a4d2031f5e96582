using TorchSharp;

namespace Scan.Core.Devices;

/// <summary>
/// The number of CPU threads TorchSharp uses, from <c>SCAN_THREADS</c> when set (default: libtorch's own choice,
/// one per core). Jobs that share cores run much faster with one thread each than with oversubscribed pools.
/// </summary>
public static class CpuThreads
{
    public const string Variable = "SCAN_THREADS";

    public static void ApplyEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }
        if (!int.TryParse(text, out var threads) || threads < 1)
        {
            throw new ScanInputException($"{Variable}={text}: expected a positive number of threads.");
        }
        torch.set_num_threads(threads);
    }
}

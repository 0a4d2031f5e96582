using System.Diagnostics;

namespace Scan.Core.Tests.References;

/// <summary>
/// Runs a reference script of this folder under Debian's Python with its PyTorch (python3-torch, which ./run-tests
/// installs): JSON in on stdin, JSON out on stdout.
/// </summary>
internal static class PyTorchReference
{
    private const string Python = "/usr/bin/python3";

    public static string Run(string script, string input)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: ./run-tests installs Debian's python3-torch, which these checks run against.");
        var path = Path.Combine(AppContext.BaseDirectory, "References", script);
        using var process = Process.Start(new ProcessStartInfo(Python, [path])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{script} exited {process.ExitCode}: {error.Result} (./run-tests installs python3-torch)");
        return output;
    }

    /// <summary>A raw little-endian float32 file that a reference script wrote.</summary>
    public static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}

using Scan.Testing;

namespace Scan.Silo.Tests.Health;

/// <summary>A `scan silo` process started by a test, and what it printed when it ended.</summary>
internal static class SiloProcess
{
    /// <summary>Starts a silo with <paramref name="options"/>; the caller waits for it or reads its endpoints.</summary>
    public static ChildProcess Start(IDictionary<string, string>? environment, params string[] options)
    {
        var (file, arguments) = LocalCluster.SiloCommand(options);
        return new ChildProcess(file, arguments, "joined cluster", environment ?? LocalCluster.SiloEnvironment());
    }

    /// <summary>Runs a silo that must end by itself within a minute; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string>? environment, params string[] options)
    {
        using var silo = Start(environment, options);
        var code = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code is not null, $"the silo did not exit within a minute:\n{silo.Output}");
        return (code.Value, silo.Output);
    }

    /// <summary>Asserts the one-line error that ends a failed start: the line itself, and no crash or unhandled exception.</summary>
    public static void AssertOneLineError(string output, string expected)
    {
        var lines = output.Split('\n').Where(l => l.StartsWith("scan silo:", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, output);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", output, StringComparison.Ordinal);
    }
}

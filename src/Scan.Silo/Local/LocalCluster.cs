
namespace Scan.Silo.Local;

/// <summary>
/// A multi-process cluster on this machine (for tests and benchmarks): a password-protected redis-server on a free
/// port for membership and job records, and scan-silo processes joining through it, all sharing one artifact root.
/// Everything it starts, it ends.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string Password = "scan-local-secret";

    private readonly ChildProcess _redis;
    private readonly List<(ChildProcess Process, int SiloPort, int MetricsPort, int HealthPort)> _silos = [];
    private readonly int _redisPort = FreePorts.Next();

    private LocalCluster(string artifactRoot)
    {
        ArtifactRoot = artifactRoot;
        var redisServer = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./run-tests as root, or: sudo apt-get install -y redis-server");
        _redis = new ChildProcess(redisServer, ["--port", $"{_redisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", Password],
            "Ready to accept connections");
    }

    public string ArtifactRoot { get; }

    /// <summary>The client's --cluster value.</summary>
    public string Address => $"redis://127.0.0.1:{_redisPort},password={Password}";

    public IReadOnlyList<int> SiloPorts => _silos.Select(s => s.SiloPort).ToList();

    /// <summary>Each silo's Prometheus port, in the order of <see cref="SiloPorts"/>.</summary>
    public IReadOnlyList<int> MetricsPorts => _silos.Select(s => s.MetricsPort).ToList();

    /// <summary>Each silo's health port (/healthz, /ready), in the order of <see cref="SiloPorts"/>.</summary>
    public IReadOnlyList<int> HealthPorts => _silos.Select(s => s.HealthPort).ToList();

    public static async Task<LocalCluster> StartAsync(string artifactRoot, int silos)
    {
        var cluster = new LocalCluster(artifactRoot);
        try
        {
            await cluster._redis.WaitUntilReadyAsync(TimeSpan.FromSeconds(20));
            for (var i = 0; i < silos; i++)
            {
                cluster.AddSilo();
            }
            foreach (var (process, _, _, _) in cluster._silos)
            {
                await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILLs the silo listening on <paramref name="siloPort"/>.</summary>
    public void Kill(int siloPort) => _silos.Single(s => s.SiloPort == siloPort).Process.Kill();

    public ValueTask DisposeAsync()
    {
        foreach (var (process, _, _, _) in _silos)
        {
            process.Dispose();
        }
        _redis.Dispose();
        return ValueTask.CompletedTask;
    }

    private void AddSilo()
    {
        var (siloPort, metricsPort, healthPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var silo = Path.Combine(AppContext.BaseDirectory, "scan-silo.dll");
        if (!File.Exists(silo))
        {
            throw new FileNotFoundException($"{silo} is missing: reference the Scan.Silo project so that its executable is copied next to this one.");
        }
        var process = new ChildProcess("dotnet", [silo, "--redis", $"127.0.0.1:{_redisPort},password={Password}", "--silo-port", $"{siloPort}",
            "--gateway-port", $"{FreePorts.Next()}", "--artifact-root", ArtifactRoot, "--probe-timeout", "2", "--exchange-timeout", "30", "--metrics-port", $"{metricsPort}", "--health-port", $"{healthPort}"],
            "joined cluster", new Dictionary<string, string> { ["SCAN_THREADS"] = "1" });
        _silos.Add((process, siloPort, metricsPort, healthPort));
    }
}

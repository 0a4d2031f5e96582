using Scan.Silo;

namespace Scan.Testing;

/// <summary>
/// A multi-process cluster on this machine (for tests and benchmarks): a password-protected redis-server on a free
/// port for membership and job records, and `scan silo` processes joining through it, all sharing one artifact root.
/// Everything it starts, it ends.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string Password = "scan-local-secret";

    private readonly string _redisServer;
    private ChildProcess _redis;
    private readonly List<(ChildProcess Process, int SiloPort, int GatewayPort, int HttpPort)> _silos = [];
    private readonly int _redisPort = FreePorts.Next();

    private readonly string[] _extraSiloOptions;

    private LocalCluster(string artifactRoot, string[] extraSiloOptions)
    {
        (ArtifactRoot, _extraSiloOptions) = (artifactRoot, extraSiloOptions);
        _redisServer = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./run-tests as root, or: sudo apt-get install -y redis-server");
        _redis = StartRedis();
    }

    public string ArtifactRoot { get; }

    /// <summary>The client's --cluster value.</summary>
    public string Address => $"redis://127.0.0.1:{_redisPort},password={Password}";

    public IReadOnlyList<int> SiloPorts => _silos.Select(s => s.SiloPort).ToList();

    /// <summary>Each silo's client gateway port, in the order of <see cref="SiloPorts"/>.</summary>
    public IReadOnlyList<int> GatewayPorts => _silos.Select(s => s.GatewayPort).ToList();

    /// <summary>Each silo's HTTP port (/metrics, /healthz, /ready), in the order of <see cref="SiloPorts"/>.</summary>
    public IReadOnlyList<int> HttpPorts => _silos.Select(s => s.HttpPort).ToList();

    /// <summary>The port redis-server listens on.</summary>
    public int RedisPort => _redisPort;

    /// <summary>Starts Redis and <paramref name="silos"/> silos, each also given <paramref name="extraSiloOptions"/> (e.g. --membership-loss-grace 3).</summary>
    public static async Task<LocalCluster> StartAsync(string artifactRoot, int silos, params string[] extraSiloOptions)
    {
        var cluster = new LocalCluster(artifactRoot, extraSiloOptions);
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

    /// <summary>SIGKILLs redis-server and starts it again on its port with nothing in it (it keeps no files): a lost volume.</summary>
    public async Task RestartRedisEmptyAsync()
    {
        _redis.Dispose();
        _redis = StartRedis();
        await _redis.WaitUntilReadyAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>The silo process listening on <paramref name="siloPort"/>.</summary>
    public ChildProcess Silo(int siloPort) => _silos.Single(s => s.SiloPort == siloPort).Process;

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

    /// <summary>
    /// The command that starts a silo process of this build (<c>dotnet scan.dll silo</c>); the calling project must
    /// reference Scan.Client so that scan.dll lies next to it.
    /// </summary>
    public static (string File, List<string> Arguments) SiloCommand(params string[] options)
    {
        var scan = Path.Combine(AppContext.BaseDirectory, "scan.dll");
        if (!File.Exists(scan))
        {
            throw new FileNotFoundException($"{scan} is missing: reference the Scan.Client project so that the scan client is copied next to this assembly.");
        }
        return ("dotnet", [scan, "silo", .. options]);
    }

    /// <summary>The options a silo of this cluster starts with, on the given ports.</summary>
    public string[] SiloOptions(int siloPort, int gatewayPort, int httpPort) =>
        ["--redis", $"127.0.0.1:{_redisPort}", "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--http-port", $"{httpPort}",
         "--artifact-root", ArtifactRoot, "--probe-timeout", "2", "--exchange-timeout", "30", .. _extraSiloOptions];

    /// <summary>The environment of this cluster's silos: one libtorch thread, and Redis's password.</summary>
    public static Dictionary<string, string> SiloEnvironment() => new() { ["SCAN_THREADS"] = "1", ["SCAN_REDISPASSWORD"] = Password };

    private ChildProcess StartRedis() => new(_redisServer,
        ["--port", $"{_redisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", Password], "Ready to accept connections");

    private void AddSilo()
    {
        var (siloPort, gatewayPort, httpPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var (file, arguments) = SiloCommand(SiloOptions(siloPort, gatewayPort, httpPort));
        _silos.Add((new ChildProcess(file, arguments, "joined cluster", SiloEnvironment()), siloPort, gatewayPort, httpPort));
    }
}

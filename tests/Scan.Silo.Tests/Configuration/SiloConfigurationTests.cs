using Microsoft.Extensions.Configuration;

namespace Scan.Silo.Tests.Configuration;

/// <summary><c>scan silo</c>'s configuration: a settings file, SCAN_ variables and the command line, bound to <see cref="ScanSiloOptions"/>.</summary>
public sealed class SiloConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scan-silo-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static ScanSiloOptions Bind(string[] args, Dictionary<string, string?> environment) =>
        SiloConfiguration.Build(args, environment).Get<ScanSiloOptions>() ?? new ScanSiloOptions();

    [Fact]
    public void Build_FileEnvironmentCommandLine_EachOverridesTheOneBefore()
    {
        var settings = File("silo.json", """{ "SiloPort": 1, "GatewayPort": 2, "HttpPort": 3, "ClusterId": "from-file" }""");
        var environment = new Dictionary<string, string?> { ["SCAN_SETTINGS"] = settings, ["SCAN_GATEWAYPORT"] = "20", ["SCAN_HTTPPORT"] = "30", ["OTHER_HTTPPORT"] = "99" };

        var options = Bind(["--http-port", "300"], environment);

        Assert.Equal((1, 20, 300, "from-file"), (options.SiloPort, options.GatewayPort, options.HttpPort, options.ClusterId));
    }

    [Fact]
    public void Build_NothingGiven_TheDocumentedDefaults()
    {
        var options = Bind([], []);

        Assert.Equal((11111, 30000, 8080, "scancluster", "scan"), (options.SiloPort, options.GatewayPort, options.HttpPort, options.ClusterId, options.ServiceId));
        Assert.Equal(Grains.ScanClusterOptions.DefaultExchangeTimeout, options.ExchangeTimeoutSpan);
        Assert.Null(options.Redis);
        Assert.False(options.Dashboard);
    }

    [Fact]
    public void Build_UnknownKeyInSettingsFile_RefusedNamingFileAndKey()
    {
        var settings = File("typo.json", """{ "SiloPrt": 1 }""");

        var error = Assert.Throws<InvalidOperationException>(() => SiloConfiguration.Build(["--settings", settings], new Dictionary<string, string?>()));

        Assert.Contains(settings, error.Message, StringComparison.Ordinal);
        Assert.Contains("SiloPrt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownEnvironmentVariable_Ignored()
    {
        var options = Bind([], new() { ["SCAN_THREADS"] = "1", ["SCAN_DEBUG"] = "1" });

        Assert.Equal(11111, options.SiloPort);
    }

    [Fact]
    public void Build_MissingSettingsFile_RefusedNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SiloConfiguration.Build(["--settings", Path.Combine(_directory, "none.json")], new Dictionary<string, string?>()));

        Assert.Contains("none.json: no such file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p@ss w:rd,=x")]
    [InlineData("with,password=inside")]
    [InlineData("ünïcødé \"quoted\" $(NAME)")]
    public void RedisPassword_AnyCharactersFromAFile_ReachRedisUnchanged(string password)
    {
        var file = File("redis-password", password + "\n");
        var options = Bind(["--redis", "scan-redis:6379", "--redis-password-file", file], []);

        var redis = ScanSiloHost.RedisConfiguration(options.Redis!, options.ReadRedisPassword());

        Assert.Equal(password, redis.Password);
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(redis.EndPoints.Single());
        Assert.Equal(("scan-redis", 6379), (endpoint.Host, endpoint.Port));
    }

    [Fact]
    public void Validate_PasswordTwice_Refused()
    {
        var options = Bind(["--redis-password-file", File("pw", "x")], new() { ["SCAN_REDISPASSWORD"] = "y" });

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("once", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ThePlaceholderPasswordOfTheManifests_Refused()
    {
        var shipped = System.Text.RegularExpressions.Regex.Match(System.IO.File.ReadAllText(Scan.Testing.RepositoryRoot.Combine("k8s", "base", "secret.yaml")),
            @"(?m)^\s+password:\s*(\S+)\s*$").Groups[1].Value;
        var options = Bind(["--redis", "scan-redis:6379", "--redis-password-file", File("pw", shipped + "\n")], []);

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Equal(ScanSiloOptions.PlaceholderRedisPassword, shipped);
        Assert.Contains(errors, e => e!.Contains("placeholder of k8s/base/secret.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SamePortTwice_NamesBoth()
    {
        var options = Bind(["--silo-port", "5000", "--http-port", "5000"], []);

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Contains("SiloPort and HttpPort are both 5000.", errors);
    }

    [Fact]
    public void Usage_EveryOption_WithItsSwitchAndVariable()
    {
        var usage = SiloConfiguration.Usage;

        foreach (var property in typeof(ScanSiloOptions).GetProperties().Where(p => p.CanWrite && p.Name is not nameof(ScanSiloOptions.RedisPassword) and not nameof(ScanSiloOptions.DashboardPassword)))
        {
            Assert.Contains("SCAN_" + property.Name.ToUpperInvariant(), usage, StringComparison.Ordinal);
        }
    }
}

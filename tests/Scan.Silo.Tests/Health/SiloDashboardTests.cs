using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scan.Testing;

namespace Scan.Silo.Tests.Health;

/// <summary>The Orleans dashboard on a silo's HTTP port: only with the credentials from its password file.</summary>
public sealed class SiloDashboardTests
{
    [Fact]
    public async Task Dashboard_TurnedOn_AnswersOnlyWithItsCredentials()
    {
        var root = Directory.CreateTempSubdirectory("scan-silo-dashboard-").FullName;
        const string password = "pä ss:wörd,=\"x\"";
        var passwordFile = Path.Combine(root, "dashboard-password");
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        try
        {
            await using var cluster = await LocalCluster.StartAsync(root, 1, "--dashboard", "true", "--dashboard-user", "ops", "--dashboard-password-file", passwordFile);
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var dashboard = $"http://127.0.0.1:{cluster.HttpPorts[0]}{SiloWebHost.DashboardPath}/";

            var anonymous = await client.GetAsync(dashboard);
            var wrong = await GetAsync(client, dashboard, "ops", "wrong");
            var right = await GetAsync(client, dashboard, "ops", password);
            var health = await client.GetAsync($"http://127.0.0.1:{cluster.HttpPorts[0]}{SiloWebHost.ReadyPath}");

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Contains("<html", await right.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Dashboard_Off_IsNotServed()
    {
        var root = Directory.CreateTempSubdirectory("scan-silo-dashboard-").FullName;
        try
        {
            await using var cluster = await LocalCluster.StartAsync(root, 1);
            using var client = new HttpClient();

            var response = await client.GetAsync($"http://127.0.0.1:{cluster.HttpPorts[0]}{SiloWebHost.DashboardPath}/");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }
}

using System.Net;
using Scan.Silo;

namespace Scan.Client.Tests.Commands;

/// <summary>
/// A stand-in for a Kubernetes API server (not a real one): a local HTTP server that records each request and answers
/// it with what the test says, plus a kubeconfig file that points the client at it.
/// </summary>
public sealed class StandInKubernetesApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, string, (int Status, string Body)> _answer;
    private readonly Task _serving;

    public StandInKubernetesApi(Func<string, string, (int Status, string Body)> answer)
    {
        _answer = answer;
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        Kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("scan-kube-").FullName, "config");
        File.WriteAllText(Kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: stand-in
              cluster:
                server: http://127.0.0.1:{Port}
            users:
            - name: tester
              user:
                token: test-token
            contexts:
            - name: stand-in
              context:
                cluster: stand-in
                user: tester
            current-context: stand-in
            """);
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Kubeconfig { get; }

    /// <summary>Every request so far: method, path and body.</summary>
    public List<(string Method, string Path, string Body)> Requests { get; } = [];

    /// <summary>The query string of every request, in order.</summary>
    public List<string> Queries { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        Directory.Delete(Path.GetDirectoryName(Kubeconfig)!, recursive: true);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            lock (Requests)
            {
                Requests.Add((context.Request.HttpMethod, path, body));
                Queries.Add(context.Request.Url.Query);
            }
            var (status, answer) = _answer(context.Request.HttpMethod, path);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = System.Text.Encoding.UTF8.GetBytes(answer.Length > 0 ? answer : body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}

using k8s;
using k8s.Models;

namespace Scan.Client.Tests.Commands;

public sealed class SubmitCommandTests
{
    private static readonly string[] Train = ["submit", "train", "--target", "targets/cnn", "--out", "/artifacts/decoders/cnn", "--epochs", "1", "--k8s", "--namespace", "scan"];

    private const string Deployment = """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "scan-silo"},
         "spec": {"replicas": 2, "selector": {"matchLabels": {"a": "b"}},
                  "template": {"spec": {"containers": [{"name": "silo", "image": "scancluster/scan:cuda",
                                                         "resources": {"limits": {"nvidia.com/gpu": "1"}}}]}}}}
        """;

    [Fact]
    public async Task DryRun_TrainOptions_PrintsAJobThatParsesBackIntoTheSameJob()
    {
        var run = await CliRun.Of([.. Train, "--image", "scancluster/scan:cuda", "--dry-run"]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var job = KubernetesYaml.Deserialize<V1Job>(run.Stdout);
        Assert.Equal(run.Stdout.TrimEnd(), KubernetesYaml.Serialize(job).TrimEnd());
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal("scancluster/scan:cuda", container.Image);
        Assert.Equal(["train", "--target", "targets/cnn", "--out", "/artifacts/decoders/cnn", "--epochs", "1", "--data", "/data/fashion-mnist",
            "--cluster", "redis://scan-redis:6379"], container.Args);
        Assert.Equal("scan-redis", container.Env.Single(e => e.Name == "SCAN_REDISPASSWORD").ValueFrom.SecretKeyRef.Name);
        Assert.Equal("scan", job.Metadata.NamespaceProperty);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.True(job.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", job.Spec.Template.Spec.SecurityContext.SeccompProfile.Type);
        Assert.False(job.Spec.Template.Spec.AutomountServiceAccountToken);
        Assert.Equal(2 * 24 * 3600, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        Assert.Equal("100m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("1Gi", container.Resources.Limits["memory"].ToString());
        Assert.Equal("256Mi", job.Spec.Template.Spec.Volumes.Single(v => v.Name == "tmp").EmptyDir.SizeLimit.ToString());
    }

    [Theory]
    [InlineData("--target", "/home/me/target", "a path on this machine")]
    [InlineData("--out", "../escape", "a path on this machine")]
    [InlineData("--data", "/usr/share/datasets/fashion-mnist", "not on the cluster's data volume")]
    public async Task Submit_OptionTheClusterCannotHonour_IsRefusedNamingIt(string option, string value, string message)
    {
        var others = new Dictionary<string, string> { ["--target"] = "targets/cnn", ["--out"] = "decoders/cnn" }.Where(p => p.Key != option).SelectMany(p => new[] { p.Key, p.Value });
        var run = await CliRun.Of(["submit", "train", "--dry-run", .. others, option, value]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"{option} {value}", run.Stderr);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public async Task Submit_ToStandInApiServer_PostsTheJobToTheNamespace()
    {
        using var api = new StandInKubernetesApi((method, path) => method == "GET" ? (200, Deployment) : (201, ""));

        var run = await CliRun.Of([.. Train, "--workers", "2", "--kubeconfig", api.Kubeconfig]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var post = api.Requests.Single(r => r.Method == "POST");
        Assert.Equal("/apis/batch/v1/namespaces/scan/jobs", post.Path);
        var job = KubernetesJson.Deserialize<V1Job>(post.Body);
        Assert.Equal(job.Metadata.Name, run.Stdout.Trim());
        Assert.Contains("--workers", job.Spec.Template.Spec.Containers[0].Args);
        Assert.Contains(api.Requests, r => r.Method == "GET" && r.Path == "/apis/apps/v1/namespaces/scan/deployments/scan-silo");
    }

    [Theory]
    [InlineData(403, "403 Forbidden")]
    [InlineData(409, "already exists")]
    public async Task Submit_StandInApiServerRefuses_GivesAClearError(int status, string message)
    {
        using var api = new StandInKubernetesApi((_, _) => (status, """{"kind": "Status", "message": "no"}"""));

        var run = await CliRun.Of([.. Train, "--kubeconfig", api.Kubeconfig]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public async Task Submit_MoreWorkersThanTheSilosHaveDevices_IsRefusedBeforeCreatingTheJob()
    {
        using var api = new StandInKubernetesApi((method, _) => method == "GET" ? (200, Deployment) : (201, ""));

        var run = await CliRun.Of([.. Train, "--workers", "3", "--kubeconfig", api.Kubeconfig]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("2 device(s)", run.Stderr);
        Assert.DoesNotContain(api.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Submit_UnreachableApiServer_SaysSo()
    {
        string kubeconfig;
        using (var api = new StandInKubernetesApi((_, _) => (500, "")))
        {
            kubeconfig = File.ReadAllText(api.Kubeconfig);
        }
        var file = Path.GetTempFileName();
        File.WriteAllText(file, kubeconfig);

        var run = await CliRun.Of([.. Train, "--kubeconfig", file]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("unreachable", run.Stderr);
        File.Delete(file);
    }

    [Fact]
    public async Task Submit_Cluster_IsNotOfferedAndRefusedAsAnUnknownOption()
    {
        var help = await CliRun.Of("submit", "train", "--help");
        var run = await CliRun.Of([.. Train, "--dry-run", "--cluster", "redis://elsewhere:6379"]);

        Assert.Contains("--target", help.Stdout + help.Stderr, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+--cluster\b", help.Stdout);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--cluster", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task StatusAndLogs_OfASubmittedJob_ReadTheJobAndItsPodFromTheStandInApiServer()
    {
        const string job = "scan-train-20261126-101500-abcde";
        using var api = new StandInKubernetesApi((_, path) => path switch
        {
            $"/apis/batch/v1/namespaces/scancluster/jobs/{job}" => (200, $$$"""{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "{{{job}}}"}, "status": {"succeeded": 1}}"""),
            "/api/v1/namespaces/scancluster/pods" => (200, $$$"""{"apiVersion": "v1", "kind": "PodList", "items": [{"metadata": {"name": "{{{job}}}-x7k2p"}}]}"""),
            $"/api/v1/namespaces/scancluster/pods/{job}-x7k2p/log" => (200, "Decoder written to /artifacts/decoders/cnn."),
            _ => (404, """{"kind": "Status", "code": 404}"""),
        });

        var status = await CliRun.Of("submit", "status", job, "--kubeconfig", api.Kubeconfig);
        var logs = await CliRun.Of("submit", "logs", job, "--kubeconfig", api.Kubeconfig);
        var followed = await CliRun.Of("submit", "logs", job, "--follow", "--kubeconfig", api.Kubeconfig);
        var unknown = await CliRun.Of("submit", "status", "no-such-job", "--kubeconfig", api.Kubeconfig);

        Assert.True(status.ExitCode == ExitCodes.Success, status.Stderr);
        Assert.Contains($"{job}: succeeded", status.Stdout);
        Assert.Contains("Decoder written to /artifacts/decoders/cnn.", logs.Stdout);
        Assert.Contains("Decoder written to /artifacts/decoders/cnn.", followed.Stdout);
        Assert.Single(api.Queries, query => query.Contains("follow=true", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("not found (404)", unknown.Stderr);
    }
}

using Scan.Client.Cluster;
using Scan.Testing;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;

namespace Scan.Client.Tests.Cluster;

/// <summary>
/// Jobs on real silo processes that join through Redis, submitted through the client; one silo is SIGKILLed mid-job,
/// and the job must still finish with the result of an undisturbed run.
/// </summary>
public sealed class MultiProcessClusterTests : IDisposable
{
    private static readonly TimeSpan JobLimit = TimeSpan.FromMinutes(6);
    private readonly UntrainedTarget _target = new();

    public void Dispose() => _target.Dispose();

    private string[] TrainArguments(string output) =>
        ["train", "--target", _target.Path, "--out", output, "--epochs", "2", "--limit", "320", "--batch-size", "32", "--micro-batch", "8", "--checkpoint-every", "2", "--seed", "3"];

    private TrainJobRequest TrainRequest(string output, int workers) => ClusterJobs.TrainRequest(_target.Path, output, workers);

    private float[] Weights(string decoderDirectory)
    {
        using var target = TargetStore.Load(_target.Path, DeviceChoice.Parse("cpu"));
        var (_, decoder) = DecoderStore.Load(decoderDirectory, target);
        using (decoder)
        {
            return decoder.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
        }
    }

    private static async Task<JobStatus> KillOnceThenFinishAsync(IJobGrain job, LocalCluster cluster, Func<JobStatus, int?> siloToKill)
    {
        var killed = false;
        var deadline = DateTime.UtcNow + JobLimit;
        while (true)
        {
            var status = await JobFollower.StatusAsync(job);
            if (status.IsFinished)
            {
                Assert.True(killed, $"the job finished before a silo could be killed: {status.Detail}");
                return status;
            }
            if (!killed && siloToKill(status) is { } port)
            {
                cluster.Kill(port);
                killed = true;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job still {status.State} after {JobLimit}: {status.Detail}");
            await Task.Delay(100);
        }
    }

    private static int PortOf(string siloAddress) => int.Parse(siloAddress.TrimStart('S').Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Train_ThreeLocalClusterOneKilledMidJob_EndsWithTheUndisturbedWeights()
    {
        var undisturbed = Path.Combine(_target.Directory, "undisturbed");
        var run = await CliRun.Of(TrainArguments(undisturbed));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);

        await using var cluster = await LocalCluster.StartAsync(_target.Directory, silos: 3);
        await using var lease = await ClusterLease.AcquireAsync(cluster.Address, CancellationToken.None);
        var job = lease.Client.GetGrain<ITrainingJobGrain>(JobFollower.NewJobId("train"));
        var output = Path.Combine(_target.Directory, "disturbed");
        await job.StartAsync(TrainRequest(output, workers: 3));

        var status = await KillOnceThenFinishAsync(job, cluster, s => s is { Done: >= 100, WorkerSilos: [_, var second, _] } ? PortOf(second) : null);

        Assert.True(status.State == JobState.Succeeded, $"{status.State}: {status.Error}");
        Assert.Equal(Weights(undisturbed), Weights(output));
    }

    [Fact]
    public async Task Evaluate_ThreeLocalClusterOneKilledMidJob_EqualsTheEmbeddedRun()
    {
        string[] arguments = ["evaluate", "--target", _target.Path, "--methods", "gradcam,random,gradcam++", "--limit", "400", "--batch-size", "25", "--format", "json"];
        var embedded = await CliRun.Of(arguments);
        Assert.Equal(ExitCodes.Success, embedded.ExitCode);

        await using var cluster = await LocalCluster.StartAsync(_target.Directory, silos: 3);
        await using var lease = await ClusterLease.AcquireAsync(cluster.Address, CancellationToken.None);
        var job = lease.Client.GetGrain<IEvaluationJobGrain>(JobFollower.NewJobId("evaluate"));
        await job.StartAsync(new EvaluateJobRequest(_target.Path, null, ["gradcam", "random", "gradcam++"], 400, 25, null, Core.Data.FashionMnistDataset.DefaultDirectory,
            false, null, "cpu", 1, "gradcam", 1, new PerturbationExplainerSettings(), 3, 25));

        var status = await KillOnceThenFinishAsync(job, cluster, s => s.Done >= 50 ? cluster.SiloPorts[1] : null);

        Assert.True(status.State == JobState.Succeeded, $"{status.State}: {status.Error}");
        Assert.Equal(Scores(EvaluationReport.FromJson(embedded.Stdout, "embedded")), Scores(EvaluationReport.From(status.Result!.Evaluation!, "gradcam")));
    }

    [Fact]
    public async Task Commands_JobCancelledThenResumedById_ListedShownAndEndsWithTheUndisturbedWeights()
    {
        var undisturbed = Path.Combine(_target.Directory, "undisturbed");
        var run = await CliRun.Of(TrainArguments(undisturbed));
        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        await using var cluster = await LocalCluster.StartAsync(_target.Directory, silos: 2);
        var id = JobFollower.NewJobId("train");
        var output = Path.Combine(_target.Directory, "cancelled");
        await using (var lease = await ClusterLease.AcquireAsync(cluster.Address, CancellationToken.None))
        {
            var job = lease.Client.GetGrain<ITrainingJobGrain>(id);
            await job.StartAsync(TrainRequest(output, workers: 0));
            var started = DateTime.UtcNow + JobLimit;
            for (var running = await JobFollower.StatusAsync(job); running.Done < 64; running = await JobFollower.StatusAsync(job))
            {
                Assert.True(DateTime.UtcNow < started && !running.IsFinished, $"job {running.State} at {running.Done} samples: {running.Detail} {running.Error}");
                await Task.Delay(100);
            }

            Assert.Equal(ExitCodes.Success, (await CliRun.Of("jobs", "cancel", id, "--cluster", cluster.Address)).ExitCode);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!(await JobFollower.StatusAsync(job)).IsFinished)
            {
                Assert.True(DateTime.UtcNow < deadline, "not cancelled within 30 s");
                await Task.Delay(100);
            }
        }
        var list = await CliRun.Of("jobs", "list", "--cluster", cluster.Address, "--format", "json");
        var status = await CliRun.Of("cluster", "status", "--cluster", cluster.Address, "--format", "json");
        var unknown = await CliRun.Of("jobs", "show", "no-such-job", "--cluster", cluster.Address);
        var cancelEnded = await CliRun.Of("jobs", "cancel", id, "--cluster", cluster.Address);
        var resumed = await CliRun.Of("train", "--resume", id, "--cluster", cluster.Address);

        Assert.Matches($"\"job_id\": \"{id}\",\\s+\"kind\": \"train\",\\s+\"state\": \"Cancelled\"", list.Stdout);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(status.Stdout).RootElement.GetProperty("silos").GetArrayLength());
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Equal(ExitCodes.BadInput, cancelEnded.ExitCode);
        Assert.Contains($"job {id} has already ended (cancelled)", cancelEnded.Stderr);
        Assert.Contains("no-such-job", unknown.Stderr);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Stderr);
        Assert.Equal(Weights(undisturbed), Weights(output));
        using var http = new HttpClient();
        var scrapes = await Task.WhenAll(cluster.HttpPorts.Select(port => http.GetStringAsync($"http://127.0.0.1:{port}/metrics")));
        Assert.All(scrapes, text => Assert.Contains("orleans_", text));
        // 20 steps of 32 samples between the two silos' workers, before and after the cancel (with the steps repeated from the checkpoint).
        var samples = scrapes.Sum(text => MetricValue(text, "scan_training_samples_total"));
        Assert.InRange(samples, 640, 1280);
        Assert.Contains(scrapes, text => text.Contains("scan_allreduce_bytes_total", StringComparison.Ordinal));
        MetricsScrape.AssertDurationsInSeconds(scrapes, "scan_training_step_duration_seconds");
        MetricsScrape.AssertDurationsInSeconds(scrapes, "scan_allreduce_duration_seconds");
        MetricsScrape.AssertReadmeNamesExported(scrapes);
        foreach (var port in cluster.HttpPorts)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/ready")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/other")).StatusCode);
        }
    }

    private static double MetricValue(string scrape, string name) => scrape.Split('\n')
        .Where(line => line.StartsWith(name, StringComparison.Ordinal))
        .Sum(line => double.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Commands_BadClusterRequests_GetClearErrorsAndCreateNothing()
    {
        await using var cluster = await LocalCluster.StartAsync(_target.Directory, silos: 2);
        var outside = Path.Combine(Path.GetTempPath(), $"scan-outside-{Guid.NewGuid():N}");

        var escape = await CliRun.Of([.. TrainArguments(outside), "--cluster", cluster.Address]);
        var linkOutside = Directory.CreateDirectory(outside + "-linked").FullName;
        File.CreateSymbolicLink(Path.Combine(_target.Directory, "link"), linkOutside);
        var linkEscape = await CliRun.Of([.. TrainArguments(Path.Combine(_target.Directory, "link", "dec")), "--cluster", cluster.Address]);
        var wrongPassword = await CliRun.Of([.. TrainArguments(Path.Combine(_target.Directory, "x")), "--cluster", cluster.Address.Replace(LocalCluster.Password, "wrong", StringComparison.Ordinal)]);
        var nobody = await CliRun.Of([.. TrainArguments(Path.Combine(_target.Directory, "y")), "--cluster", "redis://127.0.0.1:1"]);
        var percentile = await CliRun.Of(["evaluate", "--target", _target.Path, "--methods", "gradcam", "--percentile", "101", "--cluster", cluster.Address]);
        var noDecoder = await CliRun.Of(["evaluate", "--target", _target.Path, "--decoder", Path.Combine(_target.Directory, "no-decoder"), "--methods", "scan", "--cluster", cluster.Address]);

        Assert.Equal(ExitCodes.BadInput, escape.ExitCode);
        Assert.Contains("outside the cluster's artifact root", escape.Stderr);
        Assert.False(Directory.Exists(outside));
        Assert.Equal(ExitCodes.BadInput, linkEscape.ExitCode);
        Assert.Contains("through a symbolic link", linkEscape.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(linkOutside));
        Directory.Delete(linkOutside);
        Assert.Equal(ExitCodes.BadInput, wrongPassword.ExitCode);
        Assert.Contains("--cluster", wrongPassword.Stderr);
        Assert.Equal(ExitCodes.BadInput, nobody.ExitCode);
        Assert.Contains("no ScanCluster silo answered", nobody.Stderr);
        Assert.Equal(ExitCodes.BadInput, percentile.ExitCode);
        Assert.Contains("101", percentile.Stderr);
        Assert.Equal(ExitCodes.BadInput, noDecoder.ExitCode);
        Assert.Contains("no-decoder", noDecoder.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_target.Directory, "x")));
    }

    private static IEnumerable<object?> Scores(EvaluationReport report) => report.Methods.SelectMany(m => new object?[]
    {
        m.Key, m.Value.PositiveAuc, m.Value.NegativeAuc, m.Value.Images, m.Value.Drop, m.Value.Increase, m.Value.WinPairwise, m.Value.WinLowestDrop,
    }).Append(report.Accuracy);
}

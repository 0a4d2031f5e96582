using System.CommandLine;
using System.CommandLine.Parsing;
using k8s;
using Scan.Client.Kubernetes;
using Scan.Client.Output;
using Scan.Core;

namespace Scan.Client.Commands;

/// <summary>
/// <c>scan submit train|evaluate … --k8s</c>: the same options as the local command, run by a Kubernetes Job against
/// the cluster's silos; <c>scan submit status|logs JOB</c> follows it.
/// </summary>
public static class SubmitCommand
{
    public static Command Create(ScanConsole console)
    {
        var submit = new Command("submit", "Run train or evaluate as a Kubernetes Job against the cluster's silos, and follow it");
        submit.Subcommands.Add(Submitting(TrainCommand.Create(console), console));
        submit.Subcommands.Add(Submitting(EvaluateCommand.Create(console), console));
        submit.Subcommands.Add(Following("status", "A submitted Job's state", console, (api, job, ns, _, output, cancellation) => ShowStatusAsync(api, job, ns, output, cancellation)));
        submit.Subcommands.Add(Following("logs", "A submitted Job's output (--follow: until it ends)", console, ShowLogsAsync,
            new Option<bool>("--follow", "-f") { Description = "keep printing the output until the Job's pod ends" }));
        return submit;
    }

    private static Command Submitting(Command local, ScanConsole console)
    {
        var k8s = new Option<bool>("--k8s") { Description = "submit to Kubernetes, the Job running the client inside the cluster (the only backend, so the default)", DefaultValueFactory = _ => true };
        var image = new Option<string>("--image") { Description = "the ScanCluster image the Job runs", DefaultValueFactory = _ => ClusterLayout.DefaultImage };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the Job as YAML instead of creating it" };
        var (ns, kubeconfig) = (Namespace(), Kubeconfig());
        Option[] own = [k8s, image, dryRun, ns, kubeconfig];
        foreach (var option in own)
        {
            local.Options.Add(option);
        }
        // A submitted job always talks to the Kubernetes cluster's own Redis: --cluster is not offered.
        local.Options.Remove(local.Options.Single(option => option.Name == "--cluster"));
        local.SetScanAction(console, (parse, cancellation) =>
        {
            var arguments = SubmittedArguments.ForCluster([local.Name, .. LocalTokens(parse, local, own)]);
            var job = JobManifest.Create(JobManifest.NewName(local.Name), parse.GetValue(ns)!, parse.GetValue(image)!, arguments);
            if (parse.GetValue(dryRun))
            {
                console.Result(JobManifest.ToYaml(job));
                return ExitCodes.Success;
            }
            var api = KubernetesApi.Connect(parse.GetValue(kubeconfig));
            var created = JobSubmission.SubmitAsync(api, job, SubmittedArguments.Workers(arguments), cancellation).GetAwaiter().GetResult();
            console.Success($"Job {created.Metadata.Name} created in namespace {created.Metadata.NamespaceProperty}: scan submit status {created.Metadata.Name}");
            console.Result(created.Metadata.Name);
            return ExitCodes.Success;
        });
        return local;
    }

    /// <summary>The tokens after the command's name, without the submission's own options and their values.</summary>
    private static IEnumerable<string> LocalTokens(ParseResult parse, Command local, IReadOnlyCollection<Option> own)
    {
        var flags = own.OfType<Option<bool>>().Select(o => o.Name).ToHashSet();
        var valued = own.Select(o => o.Name).Except(flags).ToHashSet();
        var tokens = parse.Tokens.SkipWhile(t => !(t.Type == TokenType.Command && t.Value == local.Name)).Skip(1).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Type == TokenType.Option && (flags.Contains(token.Value) || valued.Contains(token.Value)))
            {
                // A submission option and, when it takes one, its value.
                i += valued.Contains(token.Value) && i + 1 < tokens.Count && tokens[i + 1].Type == TokenType.Argument ? 1 : 0;
                continue;
            }
            yield return token.Value;
        }
    }

    private static Command Following(string name, string description, ScanConsole console,
        Func<IKubernetes, string, string, bool, ScanConsole, CancellationToken, Task> show, Option<bool>? follow = null)
    {
        var job = new Argument<string>("job") { Description = "the Job's name, as scan submit printed it" };
        var (ns, kubeconfig) = (Namespace(), Kubeconfig());
        var command = new Command(name, description) { job, ns, kubeconfig };
        if (follow is not null)
        {
            command.Options.Add(follow);
        }
        command.SetScanAction(console, (parse, cancellation) =>
        {
            show(KubernetesApi.Connect(parse.GetValue(kubeconfig)), parse.GetValue(job)!, parse.GetValue(ns)!, follow is not null && parse.GetValue(follow),
                console, cancellation).GetAwaiter().GetResult();
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task ShowStatusAsync(IKubernetes api, string name, string ns, ScanConsole console, CancellationToken cancellation)
    {
        var job = await KubernetesApi.CallAsync($"job {name}", () => api.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellation));
        var status = job.Status;
        var state = status?.Succeeded > 0 ? "succeeded" : status?.Failed > 0 ? "failed" : status?.Active > 0 ? "running" : "pending";
        console.Result($"{name}: {state} (active {status?.Active ?? 0}, succeeded {status?.Succeeded ?? 0}, failed {status?.Failed ?? 0})");
    }

    private static async Task ShowLogsAsync(IKubernetes api, string name, string ns, bool follow, ScanConsole console, CancellationToken cancellation)
    {
        var pods = await KubernetesApi.CallAsync($"pods of job {name}", () =>
            api.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"{ClusterLayout.JobIdLabel}={name}", cancellationToken: cancellation));
        var pod = pods.Items.OrderBy(p => p.Metadata.CreationTimestamp).LastOrDefault()
            ?? throw new ScanInputException($"job {name}: no pod yet in namespace {ns} (see scan submit status {name}).");
        using var stream = await KubernetesApi.CallAsync($"logs of {pod.Metadata.Name}", () =>
            api.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, follow: follow, cancellationToken: cancellation));
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            console.Result(line);
        }
    }

    private static Option<string> Namespace() => new("--namespace") { Description = "the Kubernetes namespace (k8s/'s overlays use scancluster)", DefaultValueFactory = _ => ClusterLayout.Namespace };

    private static Option<string?> Kubeconfig() => new("--kubeconfig") { Description = "kubeconfig file (default: in-cluster credentials, $KUBECONFIG or ~/.kube/config)" };
}

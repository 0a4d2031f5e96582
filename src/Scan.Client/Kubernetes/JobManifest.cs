using k8s;
using k8s.Models;

namespace Scan.Client.Kubernetes;

/// <summary>
/// The batch/v1 Job that runs one <c>scan</c> command inside the cluster, as a non-root, read-only container under the
/// runtime's default seccomp profile, without a service-account token. The pod is a client that follows a cluster job
/// (the silos do the work), so it asks for little, and the Job ends after <see cref="DeadlineSeconds"/> whatever happens.
/// </summary>
public static class JobManifest
{
    public const long DeadlineSeconds = 2 * 24 * 3600;

    public static V1Job Create(string name, string ns, string image, IReadOnlyList<string> arguments)
    {
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "scancluster",
            ["app.kubernetes.io/component"] = "job",
            [ClusterLayout.JobIdLabel] = name,
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
            Spec = new V1JobSpec
            {
                // The cluster retries and rolls back inside the job; a failed client pod is a failed submission.
                BackoffLimit = 0,
                ActiveDeadlineSeconds = DeadlineSeconds,
                TtlSecondsAfterFinished = 7 * 24 * 3600,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        AutomountServiceAccountToken = false,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true, RunAsUser = 10001, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "scan",
                                Image = image,
                                ImagePullPolicy = "IfNotPresent",
                                Args = [.. arguments],
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("256Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") },
                                },
                                Env =
                                [
                                    new V1EnvVar
                                    {
                                        Name = Cluster.ScanClientHost.PasswordVariable,
                                        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Key = ClusterLayout.RedisSecretKey, Name = ClusterLayout.RedisSecret } },
                                    },
                                ],
                                SecurityContext = new V1SecurityContext
                                {
                                    ReadOnlyRootFilesystem = true, AllowPrivilegeEscalation = false,
                                    Capabilities = new V1Capabilities { Drop = ["ALL"] },
                                },
                                VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
                            },
                        ],
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("256Mi") } }],
                    },
                },
            },
        };
    }

    public static string ToYaml(V1Job job) => KubernetesYaml.Serialize(job);

    /// <summary>A Job name for a <paramref name="kind"/> of job: lower case, at most 63 characters.</summary>
    public static string NewName(string kind) => $"scan-{kind}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..5]}";
}

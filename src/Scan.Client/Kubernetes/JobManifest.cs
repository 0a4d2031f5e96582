using k8s;
using k8s.Models;

namespace Scan.Client.Kubernetes;

/// <summary>The batch/v1 Job that runs one <c>scan</c> command inside the cluster, as a non-root, read-only container.</summary>
public static class JobManifest
{
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
                TtlSecondsAfterFinished = 7 * 24 * 3600,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 10001 },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "scan",
                                Image = image,
                                Args = [.. arguments],
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
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() }],
                    },
                },
            },
        };
    }

    public static string ToYaml(V1Job job) => KubernetesYaml.Serialize(job);

    /// <summary>A Job name for a <paramref name="kind"/> of job: lower case, at most 63 characters.</summary>
    public static string NewName(string kind) => $"scan-{kind}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..5]}";
}

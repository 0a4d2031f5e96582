using Microsoft.Extensions.Configuration;
using k8s.Models;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>The silo Deployment, its Service, PodDisruptionBudget and NetworkPolicy, as each overlay deploys them.</summary>
public sealed class SiloDeploymentTests
{
    public static TheoryData<string> Overlays => new() { "cpu", "gpu" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloDeployment_Rollout_FourReplicasNeverBelowCount(string overlay)
    {
        var silo = Manifests.Of(overlay).Silo;
        Assert.Equal(4, silo.Spec.Replicas);
        Assert.Equal("RollingUpdate", silo.Spec.Strategy.Type);
        Assert.Equal("0", silo.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", silo.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.True(silo.Spec.Template.Spec.TerminationGracePeriodSeconds > 60, "the silo's graceful shutdown takes up to 60 s");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloContainer_Args_RunTheImagesSiloCommand(string overlay)
    {
        var container = Manifests.Of(overlay).SiloContainer;
        Assert.Equal(["silo"], container.Args);
        Assert.Null(container.Command);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloContainer_Probes_AskTheHealthEndpointsOnTheHttpPort(string overlay)
    {
        var container = Manifests.Of(overlay).SiloContainer;
        var http = Manifests.Port(container, "http");
        Assert.Equal(8080, http);
        Assert.Equal(http.ToString(System.Globalization.CultureInfo.InvariantCulture), Manifests.Env(container, "SCAN_HTTPPORT"));
        Assert.Equal(SiloWebHost.ReadyPath, container.StartupProbe.HttpGet.Path);
        Assert.Equal(5, container.StartupProbe.PeriodSeconds);
        Assert.Equal(60, container.StartupProbe.FailureThreshold);
        Assert.Equal(SiloWebHost.ReadyPath, container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(SiloWebHost.LivePath, container.LivenessProbe.HttpGet.Path);
        Assert.All(new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe },
            p => Assert.Equal("http", p.HttpGet.Port.Value));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloContainer_Environment_BindsToValidOptionsThatMatchThePorts(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var container = manifests.SiloContainer;
        var pod = manifests.Silo.Spec.Template;
        var fields = container.Env.Where(e => e.ValueFrom?.FieldRef is not null).ToDictionary(e => e.Name, e => e.ValueFrom.FieldRef.FieldPath, StringComparer.Ordinal);
        Assert.Equal("metadata.name", fields["POD_NAME"]);
        Assert.Equal("metadata.namespace", fields["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", fields["POD_IP"]);
        Assert.Equal("metadata.labels['orleans/clusterId']", fields["ORLEANS_CLUSTER_ID"]);
        Assert.Equal("metadata.labels['orleans/serviceId']", fields["ORLEANS_SERVICE_ID"]);

        var environment = container.Env.Where(e => e.Value is not null).ToDictionary(e => e.Name, e => (string?)e.Value, StringComparer.Ordinal);
        var options = SiloConfiguration.Build([], environment).Get<ScanSiloOptions>()!;
        Assert.Equal(Manifests.Port(container, "silo"), options.SiloPort);
        Assert.Equal(Manifests.Port(container, "gateway"), options.GatewayPort);
        Assert.Equal(Manifests.Port(container, "http"), options.HttpPort);
        Assert.True(options.Kubernetes);
        Assert.False(options.Dashboard);
        // Orleans' Kubernetes hosting lists the silo pods by these labels: they must name the cluster the silo joins.
        Assert.Equal((options.ClusterId, options.ServiceId), (pod.Metadata.Labels["orleans/clusterId"], pod.Metadata.Labels["orleans/serviceId"]));
        var redis = manifests.Single<V1Service>("scan-redis").Spec.Ports.Single().Port;
        Assert.Equal($"scan-redis:{redis}", options.Redis);
        Assert.Equal("/artifacts", options.ArtifactRoot);
        Assert.Equal("scan-silo", pod.Spec.ServiceAccountName);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloContainer_RedisPassword_AFileFromTheSecret(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var container = manifests.SiloContainer;
        var file = Manifests.Env(container, "SCAN_REDISPASSWORDFILE");
        var mount = Assert.Single(container.VolumeMounts, m => file == $"{m.MountPath}/password");
        var volume = Assert.Single(manifests.Silo.Spec.Template.Spec.Volumes, v => v.Name == mount.Name);

        Assert.Equal("scan-redis", volume.Secret.SecretName);
        Assert.True(mount.ReadOnlyProperty);
        Assert.DoesNotContain(container.Env, e => e.Name == "SCAN_REDISPASSWORD");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloServiceAccount_Role_LetsKubernetesHostingWatchAndDeleteSiloPods(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var binding = manifests.Single<V1RoleBinding>("scan-silo");
        var role = manifests.Single<V1Role>(binding.RoleRef.Name);

        Assert.Equal("scan-silo", Assert.Single(binding.Subjects).Name);
        Assert.Equal("scan-silo", manifests.Single<V1ServiceAccount>("scan-silo").Metadata.Name);
        var pods = Assert.Single(role.Rules, r => r.Resources.Contains("pods"));
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "delete" }, pods.Verbs.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloPod_PrometheusAnnotations_NameTheHttpPort(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var annotations = manifests.Silo.Spec.Template.Metadata.Annotations;
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(SiloWebHost.MetricsPath, annotations["prometheus.io/path"]);
        var http = Manifests.Port(manifests.SiloContainer, "http");
        Assert.Equal(http.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        var service = manifests.Single<V1Service>("scan-silo");
        Assert.Equal(["gateway", "http"], service.Spec.Ports.Select(p => p.TargetPort.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SiloPod_Volumes_ArtifactsSharedDataReadOnlyTmpWritable(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var pod = manifests.Silo.Spec.Template.Spec;
        var mounts = manifests.SiloContainer.VolumeMounts.ToDictionary(m => m.MountPath, StringComparer.Ordinal);
        V1Volume Volume(string path) => Assert.Single(pod.Volumes, v => v.Name == mounts[path].Name);

        var artifacts = manifests.Single<V1PersistentVolumeClaim>(Volume("/artifacts").PersistentVolumeClaim.ClaimName);
        Assert.Equal("scan-artifacts", artifacts.Metadata.Name);
        Assert.Contains("ReadWriteMany", artifacts.Spec.AccessModes);
        Assert.NotEqual(true, mounts["/artifacts"].ReadOnlyProperty);
        var data = manifests.Single<V1PersistentVolumeClaim>(Volume("/data").PersistentVolumeClaim.ClaimName);
        Assert.Equal("scan-data", data.Metadata.Name);
        Assert.True(data.Spec.AccessModes.Contains("ReadOnlyMany") || data.Spec.AccessModes.Contains("ReadWriteMany"));
        Assert.True(mounts["/data"].ReadOnlyProperty);
        Assert.NotNull(Volume("/tmp").EmptyDir);
        Assert.Equal(10001, pod.SecurityContext.RunAsUser);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void PodDisruptionBudget_Selector_SelectsSilosOneAtATime(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var budget = Assert.Single(manifests.Objects.OfType<V1PodDisruptionBudget>());
        Assert.True(Manifests.Selects(budget.Spec.Selector, manifests.Silo.Spec.Template.Metadata.Labels));
        Assert.False(Manifests.Selects(budget.Spec.Selector, manifests.Single<V1Deployment>("scan-redis").Spec.Template.Metadata.Labels));
        Assert.True(budget.Spec.MaxUnavailable?.Value == "1" || budget.Spec.MinAvailable?.Value == "1");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void NetworkPolicy_Ingress_AdmitsSiloAndRedisTrafficOnlyFromTheNamespace(string overlay)
    {
        var manifests = Manifests.Of(overlay);
        var policies = manifests.Objects.OfType<V1NetworkPolicy>().ToList();
        foreach (var deployment in new[] { manifests.Silo, manifests.Single<V1Deployment>("scan-redis") })
        {
            var selecting = policies.Where(p => Manifests.Selects(p.Spec.PodSelector, deployment.Spec.Template.Metadata.Labels)).ToList();
            Assert.NotEmpty(selecting);
            Assert.All(selecting, policy =>
            {
                Assert.Contains("Ingress", policy.Spec.PolicyTypes);
                Assert.All(policy.Spec.Ingress ?? [], rule => Assert.All(rule.FromProperty, peer =>
                {
                    Assert.NotNull(peer.PodSelector);
                    Assert.Null(peer.NamespaceSelector);
                    Assert.Null(peer.IpBlock);
                }));
                Assert.All(policy.Spec.Ingress ?? [], rule => Assert.NotEmpty(rule.FromProperty ?? []));
            });
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Redis_Password_ComesFromTheSecret(string overlay)
    {
        var redis = Assert.Single(Manifests.Of(overlay).Single<V1Deployment>("scan-redis").Spec.Template.Spec.Containers);
        Assert.Equal("redis-server", redis.Command.Single());
        var index = redis.Args.IndexOf("--requirepass");
        Assert.InRange(index, 0, redis.Args.Count - 2);
        Assert.Equal("$(REDIS_PASSWORD)", redis.Args[index + 1]);
        var secret = Assert.Single(redis.Env, e => e.Name == "REDIS_PASSWORD").ValueFrom.SecretKeyRef;
        Assert.Equal(("scan-redis", "password"), (secret.Name, secret.Key));
        Assert.Equal(6379, Manifests.Port(redis, "redis"));
    }
}

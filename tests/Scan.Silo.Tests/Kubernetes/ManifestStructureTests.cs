using System.Text.RegularExpressions;
using k8s.Models;
using Scan.Testing;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>Structural facts that must hold for the base and for each overlay's rendered output.</summary>
public sealed partial class ManifestStructureTests
{
    public static TheoryData<string> Variants => new() { "base", "cpu", "gpu" };

    [Fact]
    public void Manifests_EveryBaseFile_IsListedInTheKustomization()
    {
        var listed = File.ReadAllLines(RepositoryRoot.Combine("k8s", "base", "kustomization.yaml"))
            .Select(l => l.Trim()).Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(RepositoryRoot.Combine("k8s", "base"), "*.yaml")
            .Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        Assert.All(files, f => Assert.Contains(f!, listed));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Resources_Names_AreUniquePerKind(string variant)
    {
        var objects = Manifests.Of(variant).Objects;
        Assert.Equal(objects.Count, objects.Select(o => (o.Kind, o.Metadata.Name)).Distinct().Count());
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: "scan-silo" });
        Assert.Contains(objects, o => o is V1Deployment { Metadata.Name: "scan-redis" });
    }

    [Fact]
    public void Base_Resources_HaveNoNamespace() =>
        Assert.All(Manifests.Of("base").Objects, o => Assert.Null(o.Metadata.NamespaceProperty));

    [Theory]
    [InlineData("cpu")]
    [InlineData("gpu")]
    public void Overlay_Resources_AreInTheNamespaceItCreates(string variant)
    {
        var manifests = Manifests.Of(variant);
        Assert.Equal(Manifests.Namespace, manifests.Single<V1Namespace>(Manifests.Namespace).Metadata.Name);
        Assert.All(manifests.Objects.Where(o => o is not V1Namespace), o => Assert.Equal(Manifests.Namespace, o.Metadata.NamespaceProperty));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Deployment_Selector_MatchesTemplateLabels(string variant) =>
        Assert.All(Manifests.Of(variant).Deployments, d =>
        {
            Assert.NotEmpty(d.Spec.Selector.MatchLabels);
            Assert.True(Manifests.Selects(d.Spec.Selector, d.Spec.Template.Metadata.Labels), $"{d.Metadata.Name}: selector misses its pods");
            Assert.Equal("scancluster", d.Spec.Template.Metadata.Labels["app.kubernetes.io/name"]);
        });

    [Theory]
    [MemberData(nameof(Variants))]
    public void Service_Selector_SelectsOneDeploymentWithItsTargetPorts(string variant)
    {
        var manifests = Manifests.Of(variant);
        Assert.All(manifests.Objects.OfType<V1Service>(), service =>
        {
            var deployment = Assert.Single(manifests.Deployments, d => Manifests.Selects(service.Spec.Selector, d.Spec.Template.Metadata.Labels));
            var ports = deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Ports ?? []).ToList();
            Assert.All(service.Spec.Ports, p => Assert.Contains(ports, c =>
                int.TryParse(p.TargetPort.Value, out var number) ? c.ContainerPort == number : c.Name == p.TargetPort.Value));
        });
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void PodSpec_References_ExistAmongResources(string variant)
    {
        var manifests = Manifests.Of(variant);
        var secrets = manifests.Objects.OfType<V1Secret>().ToDictionary(s => s.Metadata.Name, StringComparer.Ordinal);
        var maps = manifests.Objects.OfType<V1ConfigMap>().ToDictionary(m => m.Metadata.Name, StringComparer.Ordinal);
        var claims = manifests.Objects.OfType<V1PersistentVolumeClaim>().Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var pod in manifests.Deployments.Select(d => d.Spec.Template.Spec))
        {
            foreach (var volume in pod.Volumes ?? [])
            {
                Assert.True(volume.PersistentVolumeClaim is null || claims.Contains(volume.PersistentVolumeClaim.ClaimName), volume.Name);
                Assert.True(volume.Secret is null || volume.Secret.Optional == true || secrets.ContainsKey(volume.Secret.SecretName), volume.Name);
                Assert.True(volume.ConfigMap is null || maps.ContainsKey(volume.ConfigMap.Name), volume.Name);
            }
            foreach (var container in pod.Containers)
            {
                var volumes = (pod.Volumes ?? []).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
                Assert.All(container.VolumeMounts ?? [], m => Assert.Contains(m.Name, volumes));
                foreach (var source in (container.Env ?? []).Select(e => e.ValueFrom).OfType<V1EnvVarSource>())
                {
                    if (source.SecretKeyRef is { } s)
                    {
                        Assert.True(secrets.TryGetValue(s.Name, out var secret), $"no Secret {s.Name}");
                        Assert.True(secret.StringData?.ContainsKey(s.Key) == true || secret.Data?.ContainsKey(s.Key) == true, $"Secret {s.Name} lacks {s.Key}");
                    }
                    if (source.ConfigMapKeyRef is { } m)
                    {
                        Assert.True(maps.TryGetValue(m.Name, out var map) && map.Data.ContainsKey(m.Key), $"no ConfigMap key {m.Name}/{m.Key}");
                    }
                }
                Assert.All(container.EnvFrom ?? [], f =>
                    Assert.True((f.SecretRef is null || secrets.ContainsKey(f.SecretRef.Name)) && (f.ConfigMapRef is null || maps.ContainsKey(f.ConfigMapRef.Name))));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Probe_Port_IsAContainerPort(string variant) =>
        Assert.All(Manifests.Of(variant).Deployments.SelectMany(d => d.Spec.Template.Spec.Containers), container =>
        {
            var probes = new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe }.OfType<V1Probe>().ToList();
            Assert.NotEmpty(probes);
            Assert.All(probes, probe =>
            {
                var port = (probe.HttpGet?.Port ?? probe.TcpSocket?.Port)?.Value;
                Assert.NotNull(port);
                Assert.Contains(container.Ports, p => p.Name == port || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port);
            });
        });

    [Theory]
    [MemberData(nameof(Variants))]
    public void Container_SecurityContext_IsNonRootWithReadOnlyRoot(string variant) =>
        Assert.All(Manifests.Of(variant).Deployments, d => Assert.All(d.Spec.Template.Spec.Containers, c =>
        {
            var pod = d.Spec.Template.Spec.SecurityContext;
            Assert.True(c.SecurityContext?.RunAsNonRoot ?? pod?.RunAsNonRoot, $"{c.Name}: runAsNonRoot");
            Assert.NotEqual(0L, c.SecurityContext?.RunAsUser ?? pod?.RunAsUser ?? 0L);
            Assert.True(c.SecurityContext?.ReadOnlyRootFilesystem, $"{c.Name}: readOnlyRootFilesystem");
            Assert.False(c.SecurityContext?.AllowPrivilegeEscalation ?? true, $"{c.Name}: allowPrivilegeEscalation");
            Assert.Equal(["ALL"], c.SecurityContext?.Capabilities?.Drop ?? []);
        }));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Container_VariableReferences_NameEarlierVariables(string variant) =>
        Assert.All(Manifests.Of(variant).Deployments.SelectMany(d => d.Spec.Template.Spec.Containers), c =>
        {
            var env = c.Env ?? [];
            for (var i = 0; i < env.Count; i++)
            {
                var earlier = env.Take(i).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
                Assert.All(References(env[i].Value), name => Assert.Contains(name, earlier));
            }
            var all = env.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            Assert.All((c.Args ?? []).Concat(c.Command ?? []).SelectMany(References), name => Assert.Contains(name, all));
        });

    private static IEnumerable<string> References(string? value) =>
        value is null ? [] : VariableReference().Matches(value).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();
}

using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Scan.Testing;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>The rendered resources of k8s/base or an overlay, with the look-ups the tests share.</summary>
internal sealed class Manifests
{
    public const string Namespace = "scancluster";

    private static readonly ConcurrentDictionary<string, Manifests> Rendered = new(StringComparer.Ordinal);

    private Manifests(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects) => Objects = objects;

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    public IEnumerable<V1Deployment> Deployments => Objects.OfType<V1Deployment>();

    /// <summary>"base", "cpu" or "gpu" (k8s/base, k8s/overlays/NAME), rendered once per test run.</summary>
    public static Manifests Of(string variant) => Rendered.GetOrAdd(variant, v =>
        new Manifests(Kustomize.Build(v == "base" ? RepositoryRoot.Combine("k8s", "base") : RepositoryRoot.Combine("k8s", "overlays", v))));

    public T Single<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Assert.Single(Objects.OfType<T>(), o => o.Metadata.Name == name);

    public V1Deployment Silo => Single<V1Deployment>("scan-silo");

    public V1Container SiloContainer => Assert.Single(Silo.Spec.Template.Spec.Containers, c => c.Name == "silo");

    public static int Port(V1Container container, string name) => Assert.Single(container.Ports, p => p.Name == name).ContainerPort;

    public static string Env(V1Container container, string name) => Assert.Single(container.Env, e => e.Name == name).Value;

    /// <summary>Whether a label selector (matchLabels and matchExpressions) selects a set of labels.</summary>
    public static bool Selects(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        var byLabels = (selector.MatchLabels ?? new Dictionary<string, string>())
            .All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value);
        var byExpressions = (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new InvalidDataException($"Unknown selector operator {e.OperatorProperty}."),
        });
        return byLabels && byExpressions;
    }

    /// <summary>A Service's selector (a plain label map) applied to a set of labels.</summary>
    public static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && Selects(new V1LabelSelector { MatchLabels = selector }, labels);
}

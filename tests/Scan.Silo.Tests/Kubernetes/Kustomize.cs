using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>
/// A small stand-in for `kustomize build` (not installed here) that covers what k8s/ uses: `resources` (files
/// and directories with their own kustomization.yaml), `patches` by path (strategic merge patches of
/// Deployments, matched by kind and name), `images` (newName/newTag on every container of a Deployment) and
/// `namespace`. Anything else in a kustomization.yaml fails the render, so the renderer cannot silently skip it.
/// </summary>
internal static class Kustomize
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "apiVersion", "kind", "namespace", "resources", "images", "patches",
    };

    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass",
    };

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(string directory)
    {
        var kustomization = Load(directory);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var resource in kustomization.Resources ?? [])
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            objects.AddRange(Directory.Exists(path) ? Build(path) : LoadObjects(path));
        }
        foreach (var patch in kustomization.Patches ?? [])
        {
            var path = Path.Combine(directory, patch.Path ?? throw new InvalidDataException($"{directory}: a patch without a path."));
            foreach (var change in LoadObjects(path))
            {
                var index = objects.FindIndex(o => o.Kind == change.Kind && o.Metadata.Name == change.Metadata.Name);
                if (index < 0)
                {
                    throw new InvalidDataException($"{path}: no {change.Kind} {change.Metadata.Name} to patch.");
                }
                objects[index] = Patch(objects[index], change);
            }
        }
        foreach (var image in kustomization.Images ?? [])
        {
            foreach (var container in objects.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers))
            {
                container.Image = ReplaceImage(container.Image, image);
            }
        }
        if (kustomization.Namespace is { } ns)
        {
            foreach (var o in objects.Where(o => !ClusterScoped.Contains(o.Kind)))
            {
                o.Metadata.NamespaceProperty = ns;
            }
        }
        return objects;
    }

    /// <summary>"name[:tag]" with the kustomization's newName/newTag applied when name matches.</summary>
    public static string ReplaceImage(string reference, KustomizationImage image)
    {
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        var (name, tag) = colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, null);
        if (!string.Equals(name, image.Name, StringComparison.Ordinal))
        {
            return reference;
        }
        var newTag = image.NewTag ?? tag;
        return (image.NewName ?? name) + (newTag is null ? "" : ":" + newTag);
    }

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> LoadObjects(string path) =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(path))
            .Select(o => o as IKubernetesObject<V1ObjectMeta> ?? throw new InvalidDataException($"{path}: {o?.GetType().Name} is not a Kubernetes object."))
            .ToList();

    private static IKubernetesObject<V1ObjectMeta> Patch(IKubernetesObject<V1ObjectMeta> target, IKubernetesObject<V1ObjectMeta> patch)
    {
        if (target is not V1Deployment)
        {
            throw new NotSupportedException($"Patches of {target.Kind} are not supported by this renderer.");
        }
        var merged = StrategicMerge.Apply(JsonNode.Parse(KubernetesJson.Serialize(target)), JsonNode.Parse(KubernetesJson.Serialize(patch)));
        return KubernetesJson.Deserialize<V1Deployment>(merged!.ToJsonString());
    }

    private static Kustomization Load(string directory)
    {
        var path = Path.Combine(directory, "kustomization.yaml");
        var text = File.ReadAllText(path);
        var keys = KubernetesYaml.Deserialize<Dictionary<string, object>>(text).Keys;
        var unsupported = keys.Where(k => !Supported.Contains(k)).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"{path}: this renderer does not apply {string.Join(", ", unsupported)}.");
        }
        return KubernetesYaml.Deserialize<Kustomization>(text);
    }
}

/// <summary>The fields of a kustomization.yaml that <see cref="Kustomize"/> applies.</summary>
internal sealed class Kustomization
{
    public string? Namespace { get; set; }

    public List<string>? Resources { get; set; }

    public List<KustomizationImage>? Images { get; set; }

    public List<KustomizationPatch>? Patches { get; set; }
}

internal sealed class KustomizationImage
{
    public string Name { get; set; } = "";

    public string? NewName { get; set; }

    public string? NewTag { get; set; }
}

internal sealed class KustomizationPatch
{
    public string? Path { get; set; }
}

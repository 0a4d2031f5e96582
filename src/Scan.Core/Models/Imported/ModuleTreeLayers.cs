namespace Scan.Core.Models.Imported;

/// <summary>
/// The layers of a model that knows nothing of SCAN (an imported torchvision network): every module of its tree,
/// named by its path as PyTorch names it (<c>layer4</c>, <c>layer4.1.conv2</c>, <c>encoder.layers.encoder_layer_5</c>).
/// </summary>
public sealed class ModuleTreeLayers : ILayeredClassifier
{
    private readonly HashSet<string> _names;

    public ModuleTreeLayers(IReadOnlyList<string> layerNames, string defaultLayer)
    {
        LayerNames = layerNames;
        DefaultLayer = defaultLayer;
        _names = [.. layerNames];
    }

    /// <summary>The layers of <paramref name="module"/>: the paths of all its submodules, depth first as PyTorch's <c>named_modules()</c> lists them.</summary>
    public static IReadOnlyList<string> Of(TorchSharp.torch.nn.Module module)
    {
        var paths = new List<string>();
        AddChildren(module, "", paths);
        return paths;
    }

    private static void AddChildren(TorchSharp.torch.nn.Module module, string prefix, List<string> paths)
    {
        foreach (var (name, child) in module.named_children())
        {
            var path = prefix + name;
            paths.Add(path);
            AddChildren(child, path + ".", paths);
        }
    }

    public IReadOnlyList<string> LayerNames { get; }

    public string DefaultLayer { get; }

    public string ModulePath(string layer) => _names.Contains(layer)
        ? layer
        : throw new ArgumentException($"Unknown layer '{layer}'.", nameof(layer));
}

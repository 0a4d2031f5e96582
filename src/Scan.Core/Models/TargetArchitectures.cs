using Scan.Core.Data;
using Scan.Core.Models.Imported;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// The target architectures by name: "cnn" (<see cref="ResNetClassifier"/>: base_width, blocks_per_stage) and
/// "vit" (<see cref="VisionTransformerClassifier"/>: patch, dim, depth, heads, mlp_ratio), built from a target.json;
/// imported torchvision targets come from <see cref="TorchVisionArchitectures"/>.
/// </summary>
public static class TargetArchitectures
{
    public static IReadOnlyList<string> Names { get; } = [ResNetClassifier.Architecture, VisionTransformerClassifier.Architecture];

    /// <summary>The default sizes of an architecture, measured on Fashion-MNIST at 32×32 on 2 CPU cores.</summary>
    public static IReadOnlyDictionary<string, int> DefaultHyperparameters(string architecture) => architecture switch
    {
        ResNetClassifier.Architecture => new Dictionary<string, int> { ["base_width"] = 16, ["blocks_per_stage"] = 1 },
        VisionTransformerClassifier.Architecture => new Dictionary<string, int>
        {
            ["patch"] = 4, ["dim"] = 64, ["depth"] = 6, ["heads"] = 4, ["mlp_ratio"] = 4,
        },
        _ => throw UnknownArchitecture(architecture),
    };

    /// <summary>A fresh, untrained module for <paramref name="description"/> (its weights come from the seed of torch's generator).</summary>
    public static nn.Module<Tensor, Tensor> Create(TargetDescription description)
    {
        if (TorchVisionArchitectures.IsKnown(description.Architecture))
        {
            return TorchVisionArchitectures.Create(description);
        }
        var layers = LayerNames(description);
        if (!description.Layers.SequenceEqual(layers))
        {
            throw new ScanInputException($"{TargetDescription.FileName} lists the layers [{string.Join(", ", description.Layers)}], but a {description.Architecture} with these hyperparameters has [{string.Join(", ", layers)}].");
        }
        if (!layers.Contains(description.DefaultLayer))
        {
            throw new ScanInputException($"{TargetDescription.FileName}: default layer '{description.DefaultLayer}' is not one of [{string.Join(", ", layers)}].");
        }
        var input = description.InputShape;
        var classes = description.ClassNames.Count;
        if (classes < 2)
        {
            throw new ScanInputException($"{TargetDescription.FileName} names {classes} classes; a classifier needs at least 2.");
        }
        return description.Architecture switch
        {
            ResNetClassifier.Architecture => new ResNetClassifier(
                input.Channels, classes, description.Hyperparameter("base_width"), description.Hyperparameter("blocks_per_stage"), description.DefaultLayer),
            _ => new VisionTransformerClassifier(VisionSize(description), input.Channels, input.Height, classes, description.DefaultLayer),
        };
    }

    /// <summary>The description of an untrained target with the architecture's default sizes (no test accuracy yet).</summary>
    public static TargetDescription Describe(
        string architecture,
        ImageShape input,
        Normalization normalization,
        IReadOnlyList<string> classNames,
        string dataSet,
        string preprocessing,
        IReadOnlyDictionary<string, int>? hyperparameters = null)
    {
        var sizes = new Dictionary<string, int>(DefaultHyperparameters(architecture));
        foreach (var (name, value) in hyperparameters ?? new Dictionary<string, int>())
        {
            if (!sizes.ContainsKey(name))
            {
                throw new ScanInputException($"Architecture {architecture} has no hyperparameter '{name}'; it has {string.Join(", ", sizes.Keys)}.");
            }
            sizes[name] = value;
        }
        var draft = new TargetDescription(architecture, [], "", input, normalization, classNames, sizes, null, dataSet, preprocessing);
        var layers = LayerNames(draft);
        var defaultLayer = architecture == ResNetClassifier.Architecture
            ? ResNetClassifier.Layers[^1]
            : VisionTransformerClassifier.DefaultLayerFor(draft.Hyperparameter("depth"));
        return draft with { Layers = layers, DefaultLayer = defaultLayer };
    }

    private static IReadOnlyList<string> LayerNames(TargetDescription description) => description.Architecture switch
    {
        ResNetClassifier.Architecture => ResNetClassifier.Layers,
        VisionTransformerClassifier.Architecture => VisionTransformerClassifier.LayerNamesFor(VisionSize(description).Depth),
        _ => throw UnknownArchitecture(description.Architecture),
    };

    private static VisionTransformerSize VisionSize(TargetDescription description)
    {
        var size = new VisionTransformerSize(
            description.Hyperparameter("patch"), description.Hyperparameter("dim"), description.Hyperparameter("depth"),
            description.Hyperparameter("heads"), description.Hyperparameter("mlp_ratio"));
        var input = description.InputShape;
        if (input.Height != input.Width || size.Patch <= 0 || input.Height % size.Patch != 0)
        {
            throw new ScanInputException($"A vit target needs square images whose side is a multiple of the patch: {input.Height}×{input.Width} with patch {size.Patch}.");
        }
        if (size.Dim <= 0 || size.Heads <= 0 || size.Dim % size.Heads != 0 || size.Depth <= 0 || size.MlpRatio <= 0)
        {
            throw new ScanInputException($"vit hyperparameters dim={size.Dim}, heads={size.Heads}, depth={size.Depth}, mlp_ratio={size.MlpRatio}: all must be positive and dim a multiple of heads.");
        }
        return size;
    }

    private static ScanInputException UnknownArchitecture(string architecture) =>
        new($"Unknown target architecture '{architecture}'; known: {string.Join(", ", Names.Concat(TorchVisionArchitectures.Names))}.");
}

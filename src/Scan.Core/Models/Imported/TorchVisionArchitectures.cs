using Scan.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models.Imported;

/// <summary>
/// The torchvision classifiers a target can be imported as, built with torchvision's module names so that a PyTorch
/// <c>state_dict</c> maps one to one: the ResNets come from the TorchVision (.NET) package, whose parameter names and
/// numerics are torchvision's; mlnet_resnet18 is the same ResNet with <see cref="BasicBlock"/>s counted as ML.NET's
/// ImageNet featurizer has them, and vit_b_16 is <see cref="TorchVisionVisionTransformer"/>. They take RGB images
/// normalised with ImageNet's statistics.
/// </summary>
public static class TorchVisionArchitectures
{
    // The featurizer's input, 255·(x − μ) in BGR, equals 255σ · (x − μ)/σ: its first convolution (no bias) takes RGB
    // images normalised with ImageNet's σ once its input channels are reversed and scaled by 255σ. Inputs of the usual
    // scale keep SCAN's reconstruction loss, computed on normalised images, at the scale of every other target's.
    private static readonly Normalization MlNetInput = new([123.15163f / 255, 115.902885f / 255, 103.06262f / 255], Normalization.ImageNet.Std);

    private static Tensor MlNetStem(Tensor weight)
    {
        using var scale = tensor(MlNetInput.Std.Select(std => 255 * std).ToArray()).view(1, 3, 1, 1);
        using var rgb = weight.flip(1);
        return rgb.mul(scale);
    }

    private static readonly Dictionary<string, Architecture> Known = new()
    {
        ["resnet18"] = new((classes, _) => torchvision.models.resnet18(num_classes: classes), "layer4", "fc"),
        ["resnet34"] = new((classes, _) => torchvision.models.resnet34(num_classes: classes), "layer4", "fc"),
        ["resnet50"] = new((classes, _) => torchvision.models.resnet50(num_classes: classes), "layer4", "fc"),
        ["resnet101"] = new((classes, _) => torchvision.models.resnet101(num_classes: classes), "layer4", "fc"),
        // ML.NET's DnnImageFeaturizer ResNet18 (a CNTK export): basic blocks 2-2-2-3, one more in layer4 than torchvision's,
        // fed BGR pixels in 0–255 minus a mean image (its ResNetPreprocess.onnx), whose channel means are kept here.
        ["mlnet_resnet18"] = new((classes, _) => BasicBlock.ResNet([2, 2, 2, 3], classes), "layer4", "fc", MlNetInput, MlNetStem),
        // The paper explains block 6 of ViT-B/16's 12.
        ["vit_b_16"] = new((classes, size) => new TorchVisionVisionTransformer(TorchVisionVisionTransformer.B16, size, classes),
            "encoder.layers.encoder_layer_5", "heads.head"),
    };

    public static IReadOnlyList<string> Names { get; } = [.. Known.Keys];

    public static bool IsKnown(string architecture) => Known.ContainsKey(architecture);

    /// <summary>The state_dict entry whose first dimension is the number of classes.</summary>
    public static string HeadWeight(string architecture) => $"{Get(architecture).Head}.weight";

    /// <summary>The path of the classifier head's module: <c>fc</c>, <c>heads.head</c>, or <c>head</c> for this project's own targets.</summary>
    public static string HeadModule(string architecture) => IsKnown(architecture) ? Get(architecture).Head : "head";

    /// <summary>The classifier head's weight and bias.</summary>
    public static IReadOnlySet<string> HeadTensors(string architecture) =>
        new HashSet<string> { HeadWeight(architecture), $"{Get(architecture).Head}.bias" };

    /// <summary>The names of the architecture's weights at this input size, head and BatchNorm counters left out.</summary>
    public static IReadOnlyList<string> BodyTensors(string architecture, int imageSize)
    {
        using var module = Create(architecture, 2, imageSize);
        var head = HeadTensors(architecture);
        return [.. module.state_dict().Keys.Where(name => !head.Contains(name) && !StateDictLoader.IsCounter(name))];
    }

    /// <summary>An untrained module of <paramref name="architecture"/> with <paramref name="classes"/> outputs for square images of side <paramref name="imageSize"/>.</summary>
    public static nn.Module<Tensor, Tensor> Create(string architecture, int classes, int imageSize) => Get(architecture).Create(classes, imageSize);

    /// <summary>A module for <paramref name="description"/>, checked against it (layers, default layer, input, classes).</summary>
    public static nn.Module<Tensor, Tensor> Create(TargetDescription description)
    {
        if (description.InputShape.Channels != 3)
        {
            throw new ScanInputException($"{TargetDescription.FileName}: a {description.Architecture} takes RGB images (3 channels), not {description.InputShape.Channels}.");
        }
        if (description.ClassNames.Count < 2)
        {
            throw new ScanInputException($"{TargetDescription.FileName} names {description.ClassNames.Count} classes; a classifier needs at least 2.");
        }
        var module = Create(description.Architecture, description.ClassNames.Count, description.InputShape.Height);
        var layers = ModuleTreeLayers.Of(module);
        if (!description.Layers.SequenceEqual(layers) || !layers.Contains(description.DefaultLayer))
        {
            module.Dispose();
            throw new ScanInputException($"{TargetDescription.FileName} lists layers (default '{description.DefaultLayer}') that a {description.Architecture} does not have; import the model again with `scan import`.");
        }
        return module;
    }

    /// <summary>
    /// The description of an imported target: torchvision's layers, square RGB input read through torchvision's
    /// evaluation transform (<see cref="ImageNetEvaluationTransform"/>), ImageNet normalisation unless the architecture
    /// was trained with another.
    /// </summary>
    public static TargetDescription Describe(string architecture, nn.Module module, IReadOnlyList<string> classNames, int imageSize, string source)
    {
        return new TargetDescription(architecture, ModuleTreeLayers.Of(module), Get(architecture).DefaultLayer, new ImageShape(3, imageSize, imageSize),
            Get(architecture).Input ?? Normalization.ImageNet, classNames, new Dictionary<string, int>(), null, source,
            ImageNetEvaluationTransform.Describe(imageSize, Get(architecture).Input))
        {
            ResizeShorterSide = ImageNetEvaluationTransform.ResizeFor(imageSize),
        };
    }

    /// <summary>
    /// What cascading randomisation re-initialises, output first, each part a name and the module or parameter paths
    /// it holds: a ResNet's top-level modules that hold parameters (fc, layer4 … layer1, bn1, conv1); a ViT's head, its
    /// final norm, its encoder blocks from the last to the first, then the embedding (patches, class token, positions).
    /// </summary>
    public static IReadOnlyList<(string Name, string[] Prefixes)> RandomizationParts(string architecture, nn.Module module)
    {
        Get(architecture);
        if (module is TorchVisionVisionTransformer)
        {
            var blocks = module.named_modules().Select(entry => entry.name)
                .Where(name => name.StartsWith("encoder.layers.", StringComparison.Ordinal) && name.Count(c => c == '.') == 2).Reverse();
            return [("heads", ["heads"]), ("encoder.ln", ["encoder.ln"]), .. blocks.Select(block => (block, new[] { block })),
                ("embedding", ["conv_proj", "class_token", "encoder.pos_embedding"])];
        }
        return [.. module.named_children().Where(child => child.module.parameters().Any()).Select(child => (child.name, new[] { child.name })).Reverse()];
    }

    private static Architecture Get(string architecture) => Known.TryGetValue(architecture, out var known)
        ? known
        : throw new ScanInputException($"Unknown architecture '{architecture}' to import; known: {string.Join(", ", Names)}.");

    /// <summary>
    /// The first convolution's weight as this architecture's targets use it, from the weight file's (e.g. input
    /// channels reversed when the file expects BGR), so that every target takes RGB normalised images; null: as stored.
    /// </summary>
    public static Func<Tensor, Tensor>? StemAdapter(string architecture) => Get(architecture).AdaptStem;

    /// <summary>How an architecture is built and fed: its module, default layer, head module, and input normalisation when not ImageNet's.</summary>
    private sealed record Architecture(
        Func<int, int, nn.Module<Tensor, Tensor>> Create, string DefaultLayer, string Head, Normalization? Input = null, Func<Tensor, Tensor>? AdaptStem = null);
}

using Scan.Core.Data;
using Scan.Core.Models.Imported;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A frozen target classifier in eval mode on one device, fed un-normalised [0, 1] images: it normalises them
/// itself, gives logits, and gives features and class-score gradients at a named layer in one forward and one backward
/// (the layer is read with a forward hook, <see cref="LayerCapture"/>).
/// </summary>
public sealed class TargetModel : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _module;
    private readonly ILayeredClassifier _classifier;
    private readonly ImageNormalizer _normalizer;
    private readonly Dictionary<string, FeatureLayout> _layouts = [];
    private readonly Dictionary<string, nn.Module<Tensor, Tensor>> _layerModules = [];

    public TargetModel(TargetDescription description, nn.Module<Tensor, Tensor> module, Device device)
    {
        Description = description;
        Device = device;
        _module = module;
        _classifier = module as ILayeredClassifier ?? new ModuleTreeLayers(description.Layers, description.DefaultLayer);
        _module.to(device).eval();
        foreach (var parameter in _module.parameters())
        {
            parameter.requires_grad = false;
        }
        _normalizer = new ImageNormalizer(description.Normalization, description.InputShape.Channels, device);
    }

    public TargetDescription Description { get; }

    public Device Device { get; }

    public nn.Module<Tensor, Tensor> Module => _module;

    public ImageShape InputShape => Description.InputShape;

    public Tensor Normalize(Tensor images) => _normalizer.Apply(images);

    /// <summary>A split of <c>--data</c>, read as this target reads images (its input shape and resize rule).</summary>
    public IImageDataset OpenData(string path, DataSplit split, bool skipBadFiles, Action<string>? warn = null) =>
        DataSource.Open(path, split, InputShape, skipBadFiles, warn, Description.ResizeShorterSide, Description.ClassNames);

    /// <summary>An image file read as this target reads images, checked first (errors name the file).</summary>
    public ImageReading ReadImage(string path, Span<float> destination) =>
        ImageFileReader.ReadChecked(path, InputShape, destination, shorterSide: Description.ResizeShorterSide, padding: Description.PaddingPixels());

    /// <summary>Normalised tensors back to [0, 1] pixels.</summary>
    public Tensor Denormalize(Tensor normalised) => _normalizer.Invert(normalised);

    /// <summary>Logits [B, classes] of un-normalised images [B, C, H, W], without gradients.</summary>
    public Tensor Logits(Tensor images)
    {
        using var noGrad = no_grad();
        return _module.call(Normalize(images));
    }

    /// <summary>The layer to use: the one named (checked against the model's layers), else the default.</summary>
    public string ResolveLayer(string? layer)
    {
        if (string.IsNullOrEmpty(layer))
        {
            return _classifier.DefaultLayer;
        }
        if (!_classifier.LayerNames.Contains(layer))
        {
            throw new ScanInputException($"Unknown layer '{layer}' for this {Description.Architecture} target; its layers are: {string.Join(", ", _classifier.LayerNames)}.");
        }
        return layer;
    }

    public IReadOnlyList<string> LayerNames => _classifier.LayerNames;

    /// <summary>The shape of one sample's features at <paramref name="layer"/>.</summary>
    public FeatureLayout LayoutOf(string layer)
    {
        if (!_layouts.TryGetValue(layer, out var layout))
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (output, features) = Capture(BlankImage(), layer, withGradients: false);
            using var owned = features;
            output.Dispose();
            layout = FeatureLayout.FromShape(features.shape[1..], layer);
            _layouts[layer] = layout;
        }
        return layout;
    }

    /// <summary>Every layer's per-image output shape and run count, from one forward pass of a blank image.</summary>
    public IReadOnlyList<LayerShape> LayerShapes()
    {
        using var scope = NewDisposeScope();
        return LayerCapture.Shapes(_module, [.. LayerNames.Select(name => (name, _classifier.ModulePath(name)))], BlankImage());
    }

    /// <summary>One all-zero input [1, C, H, W]: enough to learn the layers' shapes.</summary>
    private Tensor BlankImage() => zeros(1, InputShape.Channels, InputShape.Height, InputShape.Width, device: Device);

    /// <summary>
    /// Features at <paramref name="layer"/>, and the gradient of each sample's logit for <paramref name="classes"/>
    /// (the prediction where null) with respect to them: the selected logits are summed and differentiated once.
    /// </summary>
    public FeatureGradients FeaturesAndGradients(Tensor images, Tensor? classes, string layer) =>
        FeaturesAndGradients(images, classes, layer, softmax: false);

    /// <summary>
    /// The layer's features and the gradient of one class's score with respect to them: the logit, or with
    /// <paramref name="softmax"/> the softmax output; the class is <paramref name="classes"/>' entry, or the predicted one.
    /// </summary>
    public FeatureGradients FeaturesAndGradients(Tensor images, Tensor? classes, string layer, bool softmax)
    {
        using var scope = NewDisposeScope();
        using var enableGrad = enable_grad();
        var (logits, features) = Capture(Normalize(images), layer, withGradients: true);
        using var owned = features;
        var chosen = classes is null ? logits.argmax(1) : classes.to(Device).to(int64);
        var scores = softmax ? logits.softmax(1) : logits;
        var selected = scores.gather(1, chosen.unsqueeze(1)).sum();
        var gradients = torch.autograd.grad([selected], [features])[0];
        return new FeatureGradients(
            features.detach().MoveToOuterDisposeScope(),
            gradients.detach().MoveToOuterDisposeScope(),
            logits.detach().MoveToOuterDisposeScope());
    }

    /// <summary>The output of the whole model and, as a leaf the caller disposes, the output of <paramref name="layer"/>.</summary>
    private (Tensor Output, Tensor Features) Capture(Tensor normalisedImages, string layer, bool withGradients) =>
        LayerCapture.Run(_module, LayerModule(layer), layer, normalisedImages, withGradients);

    private nn.Module<Tensor, Tensor> LayerModule(string layer)
    {
        if (!_layerModules.TryGetValue(layer, out var module))
        {
            module = LayerCapture.Find(_module, _classifier.ModulePath(ResolveLayer(layer)));
            _layerModules[layer] = module;
        }
        return module;
    }

    public void Dispose()
    {
        _normalizer.Dispose();
        _module.Dispose();
    }
}

using Scan.Core.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A frozen target classifier in eval mode on one device, fed un-normalised [0, 1] images: it normalises them
/// itself, gives logits, and gives features and class-logit gradients at a named layer in one forward and one backward.
/// </summary>
public sealed class TargetModel : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _module;
    private readonly ILayeredClassifier _classifier;
    private readonly ImageNormalizer _normalizer;
    private readonly Dictionary<string, FeatureLayout> _layouts = [];

    public TargetModel(TargetDescription description, nn.Module<Tensor, Tensor> module, Device device)
    {
        Description = description;
        Device = device;
        _module = module;
        _classifier = module as ILayeredClassifier
            ?? throw new ArgumentException($"{module.GetType().Name} does not implement {nameof(ILayeredClassifier)}.");
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
            var shape = InputShape;
            var features = _classifier.ForwardTo(zeros(1, shape.Channels, shape.Height, shape.Width, device: Device), layer);
            layout = FeatureLayout.FromShape(features.shape[1..]);
            _layouts[layer] = layout;
        }
        return layout;
    }

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
        Tensor features;
        using (no_grad())
        {
            features = _classifier.ForwardTo(Normalize(images), layer);
        }
        using var enableGrad = enable_grad();
        var input = features.detach().requires_grad_(true);
        var logits = _classifier.ForwardFrom(input, layer);
        var chosen = classes is null ? logits.argmax(1) : classes.to(Device).to(int64);
        var scores = softmax ? logits.softmax(1) : logits;
        var selected = scores.gather(1, chosen.unsqueeze(1)).sum();
        var gradients = torch.autograd.grad([selected], [input])[0];
        return new FeatureGradients(
            input.detach().MoveToOuterDisposeScope(),
            gradients.detach().MoveToOuterDisposeScope(),
            logits.detach().MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        _normalizer.Dispose();
        _module.Dispose();
    }
}

using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// The class-activation-map family: one <see cref="TargetModel.FeaturesAndGradients"/> call gives the layer's
/// features A and class-logit gradients g, laid out on the layer's grid [B, C, g, g] (ViT: patch tokens, class token
/// dropped); a subclass computes only the weights W, and the map is ReLU(Σ_c W_c ⊙ A_c), bilinearly upsampled to the
/// input and min-max normalised.
/// </summary>
public abstract class GradientCam(TargetModel target, string layer) : IExplainer
{
    public abstract string Name { get; }

    public bool FinerThanFeatureGrid => false;

    public Tensor Explain(Tensor images, Tensor classes)
    {
        using var scope = NewDisposeScope();
        var result = target.FeaturesAndGradients(images, classes, layer);
        var features = FeatureGrid.ToSpatial(result.Features);
        var gradients = FeatureGrid.ToSpatial(result.Gradients);
        var cam = nn.functional.relu((Weights(features, gradients) * features).sum(1, keepdim: true));
        return FeatureGrid.ToInputResolution(cam, target.InputShape).MoveToOuterDisposeScope();
    }

    /// <summary>Weights for features and gradients [B, C, g, g]: per channel [B, C, 1, 1], or per position [B, C, g, g].</summary>
    protected abstract Tensor Weights(Tensor features, Tensor gradients);
}

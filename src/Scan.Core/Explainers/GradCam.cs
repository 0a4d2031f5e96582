using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Grad-CAM (Selvaraju et al. 2017): channel weights are the spatial mean of the class-logit gradient at the layer,
/// the map is ReLU(Σ_c w_c F_c), bilinearly upsampled to the input and min-max normalised. For ViT tokens the class
/// token is dropped and the patch tokens are laid out on their grid.
/// </summary>
public sealed class GradCam(TargetModel target, string layer) : IExplainer
{
    public string Name => "gradcam";

    public bool FinerThanFeatureGrid => false;

    public Tensor Explain(Tensor images, Tensor classes)
    {
        using var scope = NewDisposeScope();
        var result = target.FeaturesAndGradients(images, classes, layer);
        var features = FeatureGrid.ToSpatial(result.Features);
        var gradients = FeatureGrid.ToSpatial(result.Gradients);
        var weights = gradients.mean([2, 3], keepdim: true);
        var cam = nn.functional.relu((weights * features).sum(1, keepdim: true));
        return FeatureGrid.ToInputResolution(cam, target.InputShape).MoveToOuterDisposeScope();
    }
}

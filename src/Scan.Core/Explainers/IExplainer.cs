using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>An explanation method: saliency maps for a batch of images and the classes to explain.</summary>
public interface IExplainer
{
    /// <summary>The registered name (<c>scan</c>, <c>gradcam</c>, <c>random</c>, …).</summary>
    string Name { get; }

    /// <summary>
    /// True for methods whose maps are finer than the target layer's grid (SCAN, LIME): the evaluation reduces
    /// them to that grid and upsamples them back before any metric (SPEC.md §4, fair resolution).
    /// </summary>
    bool FinerThanFeatureGrid { get; }

    /// <summary>Maps [B, H, W] in [0, 1] at input resolution for un-normalised images [B, C, H, W] and classes [B].</summary>
    Tensor Explain(Tensor images, Tensor classes);

    /// <summary>
    /// As <see cref="Explain(Tensor, Tensor)"/> for the data-set samples <paramref name="indices"/> (one per image):
    /// a method that draws random numbers keys them to the sample, so that its maps do not depend on batching or
    /// sharding. Deterministic methods need not override this.
    /// </summary>
    Tensor Explain(Tensor images, Tensor classes, ReadOnlySpan<int> indices) => Explain(images, classes);
}

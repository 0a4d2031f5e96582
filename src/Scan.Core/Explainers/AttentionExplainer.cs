using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>
/// Explainers that read a vision transformer's attention probabilities: a subclass gives a token-to-token relevance
/// [B, T, T]; the class token's row over the patch tokens, laid out on the patch grid, is the map, bilinearly
/// upsampled to the input and min-max normalised. A target without attention is refused when the method is created.
/// </summary>
public abstract class AttentionExplainer : IExplainer
{
    protected AttentionExplainer(TargetModel target, string name)
    {
        Name = name;
        Target = target;
        Classifier = target.Module as IAttentionClassifier ?? throw new ScanInputException(
            $"The {name} method reads a vision transformer's attention, but this target's architecture is " +
            $"'{target.Description.Architecture}', which has none: use it with a {VisionTransformerClassifier.Architecture} or vit_b_16 target.");
    }

    public string Name { get; }

    public bool FinerThanFeatureGrid => false;

    protected TargetModel Target { get; }

    protected IAttentionClassifier Classifier { get; }

    public Tensor Explain(Tensor images, Tensor classes)
    {
        using var scope = NewDisposeScope();
        return FeatureGrid.ToInputResolution(PatchRelevance(images, classes), Target.InputShape).MoveToOuterDisposeScope();
    }

    /// <summary>The un-normalised map on the patch grid [B, 1, g, g]: the class token's row of the relevance over the patch tokens.</summary>
    public Tensor PatchRelevance(Tensor images, Tensor classes)
    {
        using var scope = NewDisposeScope();
        var relevance = TokenRelevance(Target.Normalize(images), classes);
        return FeatureGrid.ToSpatial(relevance[.., 0..1, ..].transpose(1, 2)).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Relevance [B, T, T] between tokens (class token first) of normalised images [B, C, H, W].</summary>
    protected abstract Tensor TokenRelevance(Tensor normalisedImages, Tensor classes);

    /// <summary>The attention probabilities of every block, first block first, without gradients.</summary>
    protected IReadOnlyList<Tensor> Attention(Tensor normalisedImages)
    {
        using var noGrad = no_grad();
        return Classifier.ForwardWithAttention(normalisedImages).Attention;
    }
}

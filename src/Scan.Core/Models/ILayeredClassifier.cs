using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A classifier that can be split at any of its named layers: <c>ForwardFrom(ForwardTo(x, L), L)</c> equals the
/// full forward pass. Inputs are already normalised. Any architecture implements this to become a SCAN target.
/// </summary>
public interface ILayeredClassifier
{
    /// <summary>The layers at which the model can be split, input to output.</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>The layer SCAN explains by default.</summary>
    string DefaultLayer { get; }

    /// <summary>The output of <paramref name="layer"/>: [B, C, h, w] for a convolutional stage, [B, T, D] for a token block (class token first).</summary>
    Tensor ForwardTo(Tensor normalisedImages, string layer);

    /// <summary>The logits [B, classes] computed from <paramref name="layer"/>'s output.</summary>
    Tensor ForwardFrom(Tensor features, string layer);
}

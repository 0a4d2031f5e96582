using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Losses;

/// <summary>The self-confidence map Ĉ ∈ [0, 1] from the decoder's raw confidence channel, by the chosen activation.</summary>
public static class ConfidenceMap
{
    public static Tensor Apply(Tensor raw, ScanSettings settings) => settings.ConfidenceActivation switch
    {
        ConfidenceActivation.StretchedSine => StretchedSine.Apply(raw, settings.StretchConstant),
        ConfidenceActivation.Sigmoid => nn.functional.sigmoid(raw),
        _ => throw new ScanInputException($"ScanSettings.ConfidenceActivation = {settings.ConfidenceActivation} is not supported."),
    };
}

using Scan.Core.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>The per-batch SCAN forward shared by the trainer and the explainer: masked features → decoder → Ŷ_r, Ŷ_c, Ĉ.</summary>
public static class ScanForward
{
    /// <summary>
    /// Runs <paramref name="decoder"/> on gradient-masked features and splits its C_img + 1 channels: channels
    /// 0 … C_img − 1 are the reconstruction, channel C_img the raw confidence, mapped to Ĉ by the settings' activation.
    /// </summary>
    public static ScanOutput Run(nn.Module<Tensor, Tensor> decoder, Tensor maskedFeatures, int imageChannels, ScanSettings settings)
    {
        using var scope = NewDisposeScope();
        var output = decoder.call(maskedFeatures);
        if (output.dim() != 4 || output.shape[1] != imageChannels + 1)
        {
            throw new ArgumentException(
                $"The decoder gave [{string.Join(", ", output.shape)}]; expected [B, {imageChannels + 1}, S, S] for {imageChannels}-channel images.",
                nameof(imageChannels));
        }
        var reconstruction = output.narrow(1, 0, imageChannels);
        var raw = output.select(1, imageChannels);
        var confidence = ConfidenceMap.Apply(raw, settings);
        return new ScanOutput(
            reconstruction.MoveToOuterDisposeScope(),
            raw.MoveToOuterDisposeScope(),
            confidence.MoveToOuterDisposeScope());
    }
}

using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>
/// One batch through the decoder: the reconstruction Ŷ_r [B, C, S, S] (normalised image space), the raw confidence
/// Ŷ_c [B, S, S] and the self-confidence map Ĉ [B, S, S] in [0, 1] (the explanation). They belong to the caller's scope.
/// </summary>
public sealed record ScanOutput(Tensor Reconstruction, Tensor RawConfidence, Tensor Confidence);

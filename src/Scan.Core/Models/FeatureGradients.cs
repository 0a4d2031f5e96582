using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// One forward and one backward pass of a batch: the features at a layer, the gradient of each sample's chosen
/// logit with respect to them (same shape), and the logits. The tensors belong to the caller's dispose scope.
/// </summary>
public sealed record FeatureGradients(Tensor Features, Tensor Gradients, Tensor Logits);

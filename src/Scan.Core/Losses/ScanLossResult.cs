using static TorchSharp.torch;

namespace Scan.Core.Losses;

/// <summary>
/// The SCAN loss of a batch: <see cref="Loss"/> is the differentiable scalar to minimise; the other three are
/// detached scalars for logs (batch means of Loss_c and Loss_r, and the mean of Ĉ). All belong to the caller's scope.
/// </summary>
public sealed record ScanLossResult(Tensor Loss, Tensor ConfidenceLoss, Tensor ReconstructionLoss, Tensor MeanArea);

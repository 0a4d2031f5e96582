using static TorchSharp.torch;

namespace Scan.Core.Losses;

/// <summary>
/// Eq. 5–10, per sample, then the batch mean (SPEC.md §2). With Ĉ the confidence map, Ŷ_r the reconstruction and Ỹ
/// the target: Ĉ_μ = mean(Ĉ) clamped to [ε, 1 − ε]; ω = (Ĉ_μ − A_c)² / (Ĉ_μ(1 − Ĉ_μ)) with A_c = 1/(1+α);
/// MSE = mean over channels and pixels of (Ỹ − Ŷ_r)²; Loss_c = (1 + ω)(MSE + λ) − λ;
/// Loss_r = mean over channels and pixels of (1 + sĈ)(Ỹ − Ŷ_r)², with s = α − 1 (Eq. 9: weight αĈ + 1 − Ĉ) or
/// s = 1/α − 1 (the original code: Ĉ/α + 1 − Ĉ), less sĈ(e₀ − ē₀) when a prior Ȳ is given
/// (<see cref="ConfidenceReference.DatasetMean"/>), with e₀ = (Ỹ − Ȳ)² and ē₀ its mean over the sample; loss = Loss_c + Loss_r.
/// </summary>
public static class ScanLoss
{
    /// <summary>
    /// The loss for reconstructions [B, C, H, W], raw confidences [B, H, W] or [B, 1, H, W] and targets [B, C, H, W].
    /// The sum of the per-sample losses is divided by <paramref name="batchDivisor"/> (default B): a data-parallel
    /// worker holding a shard of a fixed global batch passes the global batch size, so that the workers' summed
    /// gradients equal the single-process gradient whatever the shard sizes. <paramref name="prior"/> [C, H, W] is the
    /// feature-free reconstruction Ȳ that <see cref="ConfidenceReference.DatasetMean"/> needs (see <see cref="ReconstructionPrior"/>).
    /// </summary>
    public static ScanLossResult Compute(Tensor reconstruction, Tensor rawConfidence, Tensor target, ScanSettings settings, Tensor? prior, long? batchDivisor = null)
    {
        using var scope = NewDisposeScope();
        var confidence = ConfidenceMap.Apply(rawConfidence, settings);
        var result = FromConfidence(reconstruction, confidence, target, settings, prior, batchDivisor);
        return MoveOut(result);
    }

    /// <summary>The loss for a confidence map Ĉ already computed from the raw channel (see <see cref="ConfidenceMap"/>).</summary>
    public static ScanLossResult FromConfidence(Tensor reconstruction, Tensor confidence, Tensor target, ScanSettings settings, Tensor? prior, long? batchDivisor = null)
    {
        using var scope = NewDisposeScope();
        var batch = reconstruction.shape[0];
        var c = ToMap(confidence, reconstruction);
        if (!target.shape.SequenceEqual(reconstruction.shape))
        {
            throw new ArgumentException(
                $"target [{string.Join(", ", target.shape)}] and reconstruction [{string.Join(", ", reconstruction.shape)}] differ in shape.", nameof(target));
        }
        var lambda = settings.Lambda;
        var epsilon = settings.ConfidenceEpsilon;

        var meanConfidence = c.mean([1, 2]).clamp(epsilon, 1 - epsilon);
        var omega = meanConfidence.sub(settings.TargetArea).square()
            .div(meanConfidence.mul(meanConfidence.neg().add(1)));
        var squaredError = target.sub(reconstruction).square();
        var mse = squaredError.mean([1, 2, 3]);
        var confidenceLoss = omega.add(1).mul(mse.add(lambda)).sub(lambda);
        var slope = settings.ConfidenceWeightSlope;
        var weight = c.mul(slope).add(1).unsqueeze(1);
        var weightedError = weight.mul(squaredError);
        if (settings.ConfidenceReference == ConfidenceReference.DatasetMean)
        {
            weightedError = weightedError.sub(c.unsqueeze(1).mul(slope).mul(PriorError(target, prior)));
        }
        var reconstructionLoss = weightedError.mean([1, 2, 3]);

        var divisor = batchDivisor ?? batch;
        if (divisor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchDivisor), batchDivisor, "must be positive");
        }
        var loss = confidenceLoss.add(reconstructionLoss).sum().div(divisor);
        var result = new ScanLossResult(
            loss,
            confidenceLoss.detach().mean(),
            reconstructionLoss.detach().mean(),
            c.detach().mean());
        return MoveOut(result);
    }

    private static Tensor PriorError(Tensor target, Tensor? prior)
    {
        if (prior is null)
        {
            throw new ArgumentException(
                $"{nameof(ConfidenceReference)}.{nameof(ConfidenceReference.DatasetMean)} needs the prior reconstruction Ȳ; none was given.", nameof(prior));
        }
        if (!prior.shape.SequenceEqual(target.shape.Skip(1)))
        {
            throw new ArgumentException(
                $"prior [{string.Join(", ", prior.shape)}] must have the shape of one target [{string.Join(", ", target.shape.Skip(1))}].", nameof(prior));
        }
        var error = target.sub(prior).square().detach();
        return error.sub(error.mean([1, 2, 3], keepdim: true));
    }

    private static Tensor ToMap(Tensor confidence, Tensor reconstruction)
    {
        var shape = reconstruction.shape;
        var map = confidence.dim() == 4 && confidence.shape[1] == 1 ? confidence.squeeze(1) : confidence;
        if (shape.Length != 4 || map.dim() != 3 || map.shape[0] != shape[0] || map.shape[1] != shape[2] || map.shape[2] != shape[3])
        {
            throw new ArgumentException(
                $"Expected a reconstruction [B, C, H, W] and a confidence [B, H, W] or [B, 1, H, W]; got [{string.Join(", ", shape)}] and [{string.Join(", ", confidence.shape)}].",
                nameof(confidence));
        }
        return map;
    }

    private static ScanLossResult MoveOut(ScanLossResult result) => new(
        result.Loss.MoveToOuterDisposeScope(),
        result.ConfidenceLoss.MoveToOuterDisposeScope(),
        result.ReconstructionLoss.MoveToOuterDisposeScope(),
        result.MeanArea.MoveToOuterDisposeScope());
}

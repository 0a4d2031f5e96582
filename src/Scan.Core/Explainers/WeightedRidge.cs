using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>Weighted ridge regression with an unpenalised intercept, solved in closed form (LIME's surrogate model).</summary>
public static class WeightedRidge
{
    /// <summary>
    /// Minimises Σᵢ wᵢ(yᵢ − b − xᵢ·β)² + λ‖β‖² for features X [n, d], targets y [n] and weights w [n]: with X̃ = [X, 1]
    /// and Λ = diag(λ, …, λ, 0), (X̃ᵀWX̃ + Λ)[β; b] = X̃ᵀWy, solved in double precision. Returns β [d] and b.
    /// </summary>
    public static (Tensor Coefficients, double Intercept) Fit(Tensor features, Tensor targets, Tensor weights, double lambda)
    {
        using var scope = NewDisposeScope();
        var x = features.to(float64);
        var design = cat([x, ones(x.shape[0], 1, dtype: float64, device: x.device)], 1);
        var weighted = design * weights.to(float64).unsqueeze(1);
        var penalty = cat([full(x.shape[1], lambda, dtype: float64, device: x.device), zeros(1, dtype: float64, device: x.device)]);
        var normal = weighted.t().matmul(design) + diag(penalty);
        var solution = linalg.solve(normal, weighted.t().matmul(targets.to(float64).unsqueeze(1))).squeeze(1);
        var intercept = solution[-1].item<double>();
        return (solution[..^1].to(float32).MoveToOuterDisposeScope(), intercept);
    }
}

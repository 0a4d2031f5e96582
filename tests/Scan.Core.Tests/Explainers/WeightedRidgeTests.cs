using Scan.Core.Explainers;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class WeightedRidgeTests
{
    [Fact]
    public void Fit_ThreeSamplesByHand_SolvesTheWeightedNormalEquations()
    {
        // x = [1, 0, 1], y = [3, 1, 5], w = [1, 1, 2], λ = 1 on β only. With rows [x, 1]:
        // Σwx² + λ = 4, Σwx = 3, Σw = 4, Σwxy = 3 + 0 + 10 = 13, Σwy = 3 + 1 + 10 = 14, so
        // [[4, 3], [3, 4]]·[β, b] = [13, 14] → det 7, β = (52 − 42)/7 = 10/7, b = (56 − 39)/7 = 17/7.
        using var features = tensor(new float[] { 1, 0, 1 }).reshape(3, 1);
        using var targets = tensor(new float[] { 3, 1, 5 });
        using var weights = tensor(new float[] { 1, 1, 2 });

        var (coefficients, intercept) = WeightedRidge.Fit(features, targets, weights, 1);
        using (coefficients)
        {
            Assert.Equal(10 / 7.0, coefficients.item<float>(), 5);
            Assert.Equal(17 / 7.0, intercept, 5);
        }
    }

    [Fact]
    public void Fit_HugeLambda_LeavesOnlyTheUnpenalisedInterceptAtTheWeightedMean()
    {
        // β → 0, so b minimises Σw(y − b)²: the weighted mean (3 + 1 + 10)/4 = 3.5.
        using var features = tensor(new float[] { 1, 0, 1, 0, 1, 1 }).reshape(3, 2);
        using var targets = tensor(new float[] { 3, 1, 5 });
        using var weights = tensor(new float[] { 1, 1, 2 });

        var (coefficients, intercept) = WeightedRidge.Fit(features, targets, weights, 1e9);
        using (coefficients)
        {
            Assert.All(coefficients.data<float>().ToArray(), c => Assert.Equal(0, c, 5));
            Assert.Equal(3.5, intercept, 5);
        }
    }
}

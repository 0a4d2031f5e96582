using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class LayerCamTests
{
    [Fact]
    public void Explain_HandCase_WeighsEachPositionByItsPositiveGradient()
    {
        // A0 = [[1, 0], [0, 1]], A1 = [[0, 2], [−1, 0]]; g0 = [[1, 0.5], [0, −0.5]], g1 = [[0, 1], [0.5, 0.5]].
        // ReLU(g0)⊙A0 = [[1, 0], [0, 0]] (the −0.5 gradient is dropped); ReLU(g1)⊙A1 = [[0, 2], [−0.5, 0]].
        // Sum [[1, 2], [−0.5, 0]] → ReLU [[1, 2], [0, 0]] → min-max [[0.5, 1], [0, 0]] (without the outer ReLU: 0.6, 1, 0, 0.2).
        using var gradients = tensor(new float[] { 1, 0.5f, 0, -0.5f, 0, 1, 0.5f, 0.5f }).reshape(2, 2, 2);
        using var model = FunctionClassifier.Linear(gradients);
        using var images = tensor(new float[] { 1, 0, 0, 1, 0, 2, -1, 0 }).reshape(1, 2, 2, 2);
        using var classes = tensor(new long[] { 0 });

        using var map = new LayerCam(model, "features").Explain(images, classes);

        Assert.Equal(new long[] { 1, 2, 2 }, map.shape);
        Assert.Equal(new[] { 0.5f, 1f, 0f, 0f }, map.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void PositionWeights_SignedGradients_KeepOnlyThePositivePart()
    {
        using var gradients = tensor(new float[] { -2, 0, 3 }).reshape(1, 1, 1, 3);

        using var weights = LayerCam.PositionWeights(gradients);

        Assert.Equal(new float[] { 0, 0, 3 }, weights.data<float>().ToArray());
    }
}

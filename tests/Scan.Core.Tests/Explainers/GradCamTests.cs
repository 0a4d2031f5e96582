using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class GradCamTests
{
    [Fact]
    public void Explain_TwoChannelHandCase_WeighsChannelsByMeanGradient()
    {
        // Features: channel 0 = x·[[1,0],[0,0]], channel 1 = x·[[0,0],[0,1]] on a 1×2×2 image of ones.
        // Logit 0 = 2·mean(F0) − mean(F1): gradients 0.5 on F0 and −0.25 on F1, so the weights are 0.5 and −0.25
        // and the map is ReLU(0.5·F0 − 0.25·F1) = [[0.5, 0], [0, 0]] → min-max → [[1, 0], [0, 0]].
        using var firstCorner = tensor(new float[] { 1, 0, 0, 0 }).reshape(1, 1, 2, 2);
        using var lastCorner = tensor(new float[] { 0, 0, 0, 1 }).reshape(1, 1, 2, 2);
        using var model = FunctionClassifier.Target(new ImageShape(1, 2, 2), 2,
            x => cat([x * firstCorner, x * lastCorner], 1),
            f => stack([2 * f[.., 0].mean([1, 2]) - f[.., 1].mean([1, 2]), zeros(f.shape[0])], 1));
        var gradCam = new GradCam(model, "features");
        using var images = ones(1, 1, 2, 2);
        using var classes = tensor(new long[] { 0 });

        using var map = gradCam.Explain(images, classes);

        Assert.Equal(new long[] { 1, 2, 2 }, map.shape);
        Assert.Equal(new float[] { 1, 0, 0, 0 }, map.data<float>().ToArray());
    }

    [Fact]
    public void Explain_TokenFeatures_DropsTheClassTokenAndUsesThePatchGrid()
    {
        // Tokens [B, 1+4, 1]: the class token (value 9) then the 4 pixels as patch tokens. Logit 0 = sum of patch
        // token 2 (row 1, col 0) → only that patch has a gradient: weight 1/4, map 0.25·F → largest where F is.
        using var model = FunctionClassifier.Target(new ImageShape(1, 2, 2), 2,
            x => cat([full(x.shape[0], 1, 1, 9f), x.flatten(1).unsqueeze(2)], 1),
            f => stack([f[.., 3, 0], zeros(f.shape[0])], 1));
        var gradCam = new GradCam(model, "features");
        using var images = tensor(new float[] { 0.1f, 0.2f, 0.4f, 0.3f }).reshape(1, 1, 2, 2);
        using var classes = tensor(new long[] { 0 });

        using var map = gradCam.Explain(images, classes);

        // ReLU(0.25·[0.1, 0.2, 0.4, 0.3]) min-max → (v − 0.1)/0.3.
        var values = map.data<float>().ToArray();
        Assert.Equal(new[] { 0f, 1 / 3f, 1f, 2 / 3f }, values, new ToleranceComparer(1e-5f));
    }
}

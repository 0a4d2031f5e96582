using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class GradientCamTests
{
    public static TheoryData<string> Methods => ["gradcam", "gradcam++", "xgradcam", "layercam"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Explain_LogitOfOneQuadrant_PutsTheWholeMapInThatQuadrant(string method)
    {
        // Channel q (0..3) is the image inside quadrant q and 0 elsewhere; channel 4 is the whole image. Logit q is the
        // sum of squares of channel q, so only quadrant q has a gradient, and every method's map must vanish outside it.
        using var masks = zeros(4, 1, 8, 8);
        for (var quadrant = 0; quadrant < 4; quadrant++)
        {
            var (row, column) = (quadrant / 2 * 4, quadrant % 2 * 4);
            masks[quadrant, .., row..(row + 4), column..(column + 4)].fill_(1f);
        }
        using var model = FunctionClassifier.Target(new ImageShape(1, 8, 8), 4,
            x => cat([x * masks[0], x * masks[1], x * masks[2], x * masks[3], x], 1),
            f => f[.., 0..4].square().sum([2, 3]));
        var explainer = ExplainerRegistry.Create(method, TestContexts.For(model, "features"));
        manual_seed(5);
        using var images = rand(4, 1, 8, 8) + 0.1f;
        using var classes = tensor(new long[] { 0, 1, 2, 3 });

        using var maps = explainer.Explain(images, classes);

        for (var quadrant = 0; quadrant < 4; quadrant++)
        {
            var inside = (maps[quadrant] * masks[quadrant, 0]).sum().item<float>();
            var total = maps[quadrant].sum().item<float>();
            Assert.True(total > 0, $"{method}: empty map for quadrant {quadrant}");
            Assert.Equal(1f, inside / total, 5);
        }
    }
}

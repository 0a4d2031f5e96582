using TorchSharp;
using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class LimeTests
{
    private static readonly PerturbationExplainerSettings Settings = new() { LimeSamples = 300, LimeSegments = 16, BatchSize = 128 };

    [Fact]
    public void Explain_ScoreFromTheTopLeftQuadrant_PutsTheMapsMassThere()
    {
        // A flat 16×16 image with 16 segments: SLIC gives 4×4 blocks, four of them in the top-left quadrant.
        var shape = new ImageShape(3, 16, 16);
        using var model = QuadrantTarget.Create(shape);
        using var lime = new Lime(model, Settings, 1);
        using var images = full(1, 3, 16, 16, 0.6f);
        using var classes = tensor(new long[] { 0 });

        using var maps = lime.Explain(images, classes);

        Assert.Equal(new long[] { 1, 16, 16 }, maps.shape);
        Assert.True(QuadrantTarget.TopLeftShare(maps)[0] > 0.9, $"top-left share {QuadrantTarget.TopLeftShare(maps)[0]}");
    }

    [Fact]
    public void Explain_TexturedImage_StillFavoursTheTopLeftQuadrant()
    {
        var shape = new ImageShape(1, 16, 16);
        using var model = QuadrantTarget.Create(shape);
        using var lime = new Lime(model, Settings, 3);
        using var generator = new Generator(5);
        using var images = rand([2, 1, 16, 16], generator: generator) * 0.5 + 0.5;
        using var classes = tensor(new long[] { 0, 0 });

        using var maps = lime.Explain(images, classes);

        Assert.All(QuadrantTarget.TopLeftShare(maps), share => Assert.True(share > 0.6, $"top-left share {share}"));
    }

    [Fact]
    public void Explain_SameSeed_SameMapsInTheUnitIntervalWhateverTheBatch()
    {
        using var model = QuadrantTarget.Create(new ImageShape(3, 16, 16));
        using var first = new Lime(model, Settings, 7);
        using var second = new Lime(model, Settings, 7);
        ExplainerAssert.SameMapsInTheUnitIntervalWhateverTheBatch(first, second, 3, 16, [0, 0]);
    }

    [Fact]
    public void Explain_ClassWithConstantScore_GivesAnAllZeroMap()
    {
        // Class 1's logit is 0 whatever the image, but class 0's moves: class 1's probability falls as the top-left
        // quadrant brightens, so its evidence is negative there and nothing is positive after clamping.
        var shape = new ImageShape(1, 16, 16);
        using var model = QuadrantTarget.Create(shape);
        using var lime = new Lime(model, Settings, 1);
        using var images = full(1, 1, 16, 16, 0.6f);
        using var classes = tensor(new long[] { 1 });

        using var maps = lime.Explain(images, classes);

        Assert.True(maps[.., ..8, ..8].max().item<float>() < 0.05f);
    }

    [Fact]
    public void Explain_ManyCalls_LeavesNoTensorsBehind()
    {
        var shape = new ImageShape(1, 16, 16);
        using var model = QuadrantTarget.Create(shape);
        using var lime = new Lime(model, Settings with { LimeSamples = 40, BatchSize = 16 }, 1);
        using var images = full(2, 1, 16, 16, 0.7f);
        using var classes = tensor(new long[] { 0, 1 });
        lime.Explain(images, classes).Dispose();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 5; i++)
        {
            lime.Explain(images, classes).Dispose();
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}

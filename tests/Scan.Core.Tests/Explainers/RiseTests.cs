using TorchSharp;
using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class RiseTests
{
    private static readonly PerturbationExplainerSettings Settings = new() { RiseMasks = 1000, RiseGrid = 4, BatchSize = 250 };

    [Fact]
    public void Explain_ScoreFromTheTopLeftQuadrant_PutsTheMapsMassThere()
    {
        var shape = new ImageShape(1, 16, 16);
        using var model = QuadrantTarget.Create(shape);
        using var rise = new Rise(model, Settings, 1);
        using var generator = new Generator(2);
        using var images = rand([2, 1, 16, 16], generator: generator) * 0.5 + 0.5;
        using var classes = tensor(new long[] { 0, 0 });

        using var maps = rise.Explain(images, classes);

        Assert.Equal(new long[] { 2, 16, 16 }, maps.shape);
        // The masks are smooth over a cell (4 pixels) and shifted, so some mass spills next to the quadrant, none far from it.
        Assert.All(QuadrantTarget.TopLeftShare(maps), share => Assert.True(share > 0.5, $"top-left share {share}"));
        var farCorner = maps[.., 12.., 12..].max().item<float>();
        Assert.True(farCorner < 0.15f, $"bottom-right maximum {farCorner}");
        var argmax = maps[0].flatten().argmax().item<long>();
        Assert.True(argmax / 16 < 8 && argmax % 16 < 8, $"argmax at {argmax}");
    }

    [Fact]
    public void Explain_SameSeed_SameMapsInTheUnitIntervalWhateverTheBatch()
    {
        using var model = QuadrantTarget.Create(new ImageShape(3, 8, 8));
        using var first = new Rise(model, Settings with { RiseMasks = 100 }, 7);
        using var second = new Rise(model, Settings with { RiseMasks = 100 }, 7);
        ExplainerAssert.SameMapsInTheUnitIntervalWhateverTheBatch(first, second, 3, 8, [0, 1]);
    }

    [Fact]
    public void Explain_AnotherSeed_GivesAnotherMap()
    {
        var shape = new ImageShape(1, 8, 8);
        using var model = QuadrantTarget.Create(shape);
        using var first = new Rise(model, Settings with { RiseMasks = 50 }, 1);
        using var second = new Rise(model, Settings with { RiseMasks = 50 }, 2);
        using var images = full(1, 1, 8, 8, 0.7f);
        using var classes = tensor(new long[] { 0 });

        using var one = first.Explain(images, classes);
        using var other = second.Explain(images, classes);

        Assert.NotEqual(one.data<float>().ToArray(), other.data<float>().ToArray());
    }

    [Fact]
    public void Explain_ManyCalls_LeavesNoTensorsBehind()
    {
        var shape = new ImageShape(1, 8, 8);
        using var model = QuadrantTarget.Create(shape);
        using var rise = new Rise(model, Settings with { RiseMasks = 50, BatchSize = 16 }, 1);
        using var images = full(2, 1, 8, 8, 0.7f);
        using var classes = tensor(new long[] { 0, 1 });
        rise.Explain(images, classes).Dispose();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 5; i++)
        {
            rise.Explain(images, classes).Dispose();
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}

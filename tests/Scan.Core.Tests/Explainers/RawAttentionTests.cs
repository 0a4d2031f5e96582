using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class RawAttentionTests
{
    [Fact]
    public void PatchRelevance_SmallVit_IsTheLastBlocksClassRowAveragedOverHeads()
    {
        using var target = TinyVisionTransformer.Target();
        manual_seed(3);
        using var images = rand(2, 1, 16, 16);
        using var classes = tensor(new long[] { 1, 0 });
        using var scope = NewDisposeScope();
        var last = TinyVisionTransformer.Classifier(target).ForwardWithAttention(target.Normalize(images)).Attention[1].detach();
        // [B, 2 heads, 17, 17] → the class token's row over the 16 patches, head mean, on the 4×4 patch grid.
        var expected = ((last[.., 0, 0, 1..] + last[.., 1, 0, 1..]) / 2).reshape(2, 1, 4, 4);

        var patches = new RawAttention(target).PatchRelevance(images, classes);

        Assert.True(patches.allclose(expected, rtol: 0, atol: 1e-7), "raw attention differs from the last block's class row");
    }
}

using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class AttentionRolloutTests
{
    [Fact]
    public void Rollout_TwoBlocksHandCase_MultipliesLaterBlocksOnTheLeft()
    {
        // Block 1, heads [[1,0],[0,1]] and [[0,1],[1,0]]: mean [[.5,.5],[.5,.5]] → Â1 = [[.75,.25],[.25,.75]].
        // Block 2, both heads [[0,1],[0,1]] → Â2 = [[.5,.5],[0,1]].
        // R = Â2·Â1 = [[.5,.5],[.25,.75]] (the other order, Â1·Â2, would be [[.375,.625],[.125,.875]]).
        using var first = tensor(new float[] { 1, 0, 0, 1, 0, 1, 1, 0 }).reshape(1, 2, 2, 2);
        using var second = tensor(new float[] { 0, 1, 0, 1, 0, 1, 0, 1 }).reshape(1, 2, 2, 2);

        using var rollout = AttentionRollout.Rollout([first, second]);

        Assert.Equal(new long[] { 1, 2, 2 }, rollout.shape);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.25f, 0.75f }, rollout.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Rollout_RowsNotSummingToOne_AreRenormalised()
    {
        // One head [[2, 0], [1, 1]]: 0.5·A + 0.5·I = [[1.5, 0], [0.5, 1]] → rows / [1.5, 1.5] = [[1, 0], [1/3, 2/3]].
        using var attention = tensor(new float[] { 2, 0, 1, 1 }).reshape(1, 1, 2, 2);

        using var rollout = AttentionRollout.Rollout([attention]);

        Assert.Equal(new[] { 1f, 0f, 1 / 3f, 2 / 3f }, rollout.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Rollout_UniformAttention_GivesEveryPatchTheSameShare()
    {
        // A = J/17 (every token attends 1/17 to every token), so Â = aJ + bI with a = 1/34, b = 1/2, and
        // Â² = (17a² + 2ab)J + b²I: every off-diagonal entry is 17/1156 + 1/34 = 3/68, the diagonal 3/68 + 1/4.
        using var uniform = full(1, 2, 17, 17, 1 / 17f);

        using var rollout = AttentionRollout.Rollout([uniform, uniform]);

        var classRow = rollout[0, 0].data<float>().ToArray();
        Assert.Equal(3 / 68f + 0.25f, classRow[0], 1e-6f);
        Assert.All(classRow[1..], share => Assert.Equal(3 / 68f, share, 1e-6f));
    }

    [Fact]
    public void PatchRelevance_SmallVit_IsTheClassRowOfTheProductOfBothBlocks()
    {
        using var target = TinyVisionTransformer.Target();
        manual_seed(4);
        using var images = rand(2, 1, 16, 16);
        using var classes = tensor(new long[] { 0, 1 });
        using var scope = NewDisposeScope();
        var attention = TinyVisionTransformer.Classifier(target).ForwardWithAttention(target.Normalize(images)).Attention;
        var identity = eye(17).expand(2, 17, 17);
        var (first, second) = ((attention[0][.., 0] + attention[0][.., 1]) / 4 + identity / 2, (attention[1][.., 0] + attention[1][.., 1]) / 4 + identity / 2);
        // Attention rows already sum to 1, so 0.5·A + 0.5·I does too and needs no renormalising.
        var expected = second.matmul(first)[.., 0, 1..].detach().reshape(2, 1, 4, 4);

        var patches = new AttentionRollout(target).PatchRelevance(images, classes);

        Assert.True(patches.allclose(expected, rtol: 0, atol: 1e-6), "rollout differs from the hand-built product");
    }
}

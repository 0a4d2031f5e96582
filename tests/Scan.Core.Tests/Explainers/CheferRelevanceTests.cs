using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class CheferRelevanceTests
{
    [Fact]
    public void Relevance_TwoBlocksHandCase_FollowsTheUpdateRule()
    {
        // Block 1: head 1 A = [[.5,.5],[.5,.5]], ∇A = [[2,−2],[0,4]] → (∇A⊙A)⁺ = [[1,0],[0,2]];
        //          head 2 A = [[1,0],[0,1]],     ∇A = [[−1,3],[2,2]] → (∇A⊙A)⁺ = [[0,0],[0,2]];
        //          Ā1 = [[.5,0],[0,2]] (the head mean before the clamp would give [[0,0],[0,2]]); R = I + Ā1 = [[1.5,0],[0,3]].
        // Block 2: head 1 A = [[0,1],[0,1]], ∇A = 1 → [[0,1],[0,1]]; head 2 ∇A = 0 → 0; Ā2 = [[0,.5],[0,.5]].
        //          R = R + Ā2·R = [[1.5,0],[0,3]] + [[0,1.5],[0,1.5]] = [[1.5,1.5],[0,4.5]]
        //          (blocks in the other order would give [[1.5,0.75],[0,4.5]]).
        using var attention1 = tensor(new float[] { .5f, .5f, .5f, .5f, 1, 0, 0, 1 }).reshape(1, 2, 2, 2);
        using var gradient1 = tensor(new float[] { 2, -2, 0, 4, -1, 3, 2, 2 }).reshape(1, 2, 2, 2);
        using var attention2 = tensor(new float[] { 0, 1, 0, 1, 0, 1, 0, 1 }).reshape(1, 2, 2, 2);
        using var gradient2 = tensor(new float[] { 1, 1, 1, 1, 0, 0, 0, 0 }).reshape(1, 2, 2, 2);

        using var relevance = CheferRelevance.Relevance([attention1, attention2], [gradient1, gradient2]);

        Assert.Equal(new long[] { 1, 2, 2 }, relevance.shape);
        Assert.Equal(new[] { 1.5f, 1.5f, 0f, 4.5f }, relevance.data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void PatchRelevance_Batch_EqualsEachImageExplainedAlone()
    {
        // One backward of the summed logits must give each sample the gradient of its own class only.
        using var target = TinyVisionTransformer.Target();
        var chefer = new CheferRelevance(target);
        manual_seed(6);
        using var images = rand(3, 1, 16, 16);
        using var classes = tensor(new long[] { 0, 1, 2 });

        using var together = chefer.PatchRelevance(images, classes);

        for (var i = 0; i < 3; i++)
        {
            using var alone = chefer.PatchRelevance(images[i..(i + 1)], classes[i..(i + 1)]);
            Assert.True(alone[0].allclose(together[i], rtol: 1e-4, atol: 1e-7), $"image {i} differs when explained in a batch");
        }
    }

    [Fact]
    public void Explain_DifferentClasses_GiveDifferentMaps()
    {
        using var target = TinyVisionTransformer.Target();
        var chefer = new CheferRelevance(target);
        manual_seed(7);
        using var image = rand(1, 1, 16, 16);
        using var images = cat([image, image]);
        using var classes = tensor(new long[] { 0, 1 });

        using var maps = chefer.Explain(images, classes);

        Assert.True((maps[0] - maps[1]).abs().max().item<float>() > 1e-3f, "the explained class does not change the map");
    }
}

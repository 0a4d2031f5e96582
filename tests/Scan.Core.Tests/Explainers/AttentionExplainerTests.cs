using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class AttentionExplainerTests
{
    public static TheoryData<string> Methods => ["attention", "rollout", "chefer"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Create_TargetWithoutAttention_ThrowsNamingTheMethodAndArchitecture(string method)
    {
        using var target = TinyConvClassifier.Target();

        var error = Assert.Throws<ScanInputException>(() => ExplainerRegistry.Create(method, TestContexts.For(target, "conv2")));

        Assert.Contains($"The {method} method", error.Message, StringComparison.Ordinal);
        Assert.Contains("'tiny'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("attention", 1 / 17f)]
    [InlineData("rollout", 3 / 68f)]
    [InlineData("chefer", 0f)]
    public void PatchRelevance_AllWeightsZero_GivesEveryPatchTheUniformShare(string method, float share)
    {
        // Zero weights make every token 0 and every query·key 0, so both blocks attend uniformly, A = J/17.
        // attention: the class row of A is 1/17 everywhere.
        // rollout: Â = J/34 + I/2 and Â² = (17/34² + 2/68)J + I/4, so a patch gets 1/68 + 2/68 = 3/68.
        // chefer: the zero head makes every logit constant, so ∇A = 0, R stays I, and a patch gets 0.
        using var target = TinyVisionTransformer.Target();
        using (no_grad())
        {
            foreach (var parameter in target.Module.parameters())
            {
                parameter.zero_();
            }
        }
        var explainer = (AttentionExplainer)ExplainerRegistry.Create(method, TestContexts.For(target, "block1"));
        manual_seed(2);
        using var images = rand(2, 1, 16, 16);
        using var classes = tensor(new long[] { 0, 2 });

        using var patches = explainer.PatchRelevance(images, classes);

        Assert.Equal(new long[] { 2, 1, 4, 4 }, patches.shape);
        Assert.All(patches.data<float>().ToArray(), value => Assert.Equal(share, value, 1e-6f));
    }
}

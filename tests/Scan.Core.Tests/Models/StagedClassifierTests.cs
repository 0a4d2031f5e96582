using Scan.Core.Models;
using Scan.Core.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Models;

public sealed class StagedClassifierTests
{
    public StagedClassifierTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Theory]
    [InlineData("cnn")]
    [InlineData("vit")]
    public void LayerCapture_AtEveryLayer_KeepsTheForwardPassAndGivesThatStagesOutput(string architecture)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var module = TargetArchitectures.Create(TinyTargets.ByName(architecture));
        module.eval();
        var classifier = (ILayeredClassifier)module;
        var images = randn(3, 1, 16, 16);
        using var noGrad = no_grad();
        var expected = module.call(images);

        var previous = images;
        foreach (var layer in classifier.LayerNames)
        {
            var (output, features) = LayerOf(module, layer, images);
            using var owned = features;
            Assert.True(output.allclose(expected, rtol: 0, atol: 0), $"{architecture}: capturing {layer} changed the forward pass.");
            var stage = LayerCapture.Find(module, classifier.ModulePath(layer));
            Assert.True(stage.call(previous).allclose(features, rtol: 0, atol: 1e-6), $"{architecture}: {layer}'s captured output is not its stage's output.");
            previous = features.clone();
        }
    }

    [Fact]
    public void ResNet_Shapes_HalveTheGridInStages2And3()
    {
        using var scope = NewDisposeScope();
        using var module = new ResNetClassifier(inputChannels: 1, classes: 10, baseWidth: 4, blocksPerStage: 2);
        module.eval();
        var images = randn(2, 1, 32, 32);
        using var noGrad = no_grad();

        Assert.Equal(["stem", "stage1", "stage2", "stage3"], module.LayerNames);
        Assert.Equal("stage3", module.DefaultLayer);
        Assert.Equal(new long[] { 2, 4, 32, 32 }, LayerShape(module, "stem", images));
        Assert.Equal(new long[] { 2, 4, 32, 32 }, LayerShape(module, "stage1", images));
        Assert.Equal(new long[] { 2, 8, 16, 16 }, LayerShape(module, "stage2", images));
        Assert.Equal(new long[] { 2, 16, 8, 8 }, LayerShape(module, "stage3", images));
        Assert.Equal(new long[] { 2, 10 }, module.call(images).shape);
    }

    [Fact]
    public void VisionTransformer_Shapes_AreClassTokenPlusPatchTokens()
    {
        using var scope = NewDisposeScope();
        using var module = new VisionTransformerClassifier(new VisionTransformerSize(Patch: 4, Dim: 8, Depth: 6, Heads: 2, MlpRatio: 2), 1, 32, 10);
        module.eval();
        var images = randn(2, 1, 32, 32);
        using var noGrad = no_grad();

        Assert.Equal(["embed", "block1", "block2", "block3", "block4", "block5", "block6"], module.LayerNames);
        Assert.Equal("block3", module.DefaultLayer);
        foreach (var layer in module.LayerNames)
        {
            // (32 / 4)² = 64 patch tokens after the class token.
            Assert.Equal(new long[] { 2, 65, 8 }, LayerShape(module, layer, images));
        }
        Assert.Equal(new long[] { 2, 10 }, module.call(images).shape);
    }

    [Fact]
    public void VisionTransformer_ForwardWithAttention_GivesForwardLogitsAndRowStochasticAttention()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var module = new VisionTransformerClassifier(new VisionTransformerSize(4, 8, 3, 2, 2), 1, 16, 3);
        module.eval();
        var images = randn(2, 1, 16, 16);
        using var noGrad = no_grad();

        var trace = module.ForwardWithAttention(images);

        Assert.True(trace.Logits.allclose(module.call(images), rtol: 0, atol: 1e-6));
        Assert.Equal(3, trace.Attention.Count);
        foreach (var attention in trace.Attention)
        {
            // Batch 2, 2 heads, 1 + (16 / 4)² = 17 tokens attending to 17.
            Assert.Equal(new long[] { 2, 2, 17, 17 }, attention.shape);
            Assert.True(attention.sum(-1).allclose(ones(2, 2, 17), rtol: 0, atol: 1e-5));
        }
    }

    [Fact]
    public void ModulePath_UnknownLayer_Throws()
    {
        using var module = new ResNetClassifier(1, 3, 4, 1);

        var error = Assert.Throws<ArgumentException>(() => module.ModulePath("stage9"));

        Assert.Contains("stage9", error.Message, StringComparison.Ordinal);
    }

    private static (Tensor Output, Tensor Features) LayerOf(nn.Module<Tensor, Tensor> module, string layer, Tensor images) =>
        LayerCapture.Run(module, LayerCapture.Find(module, ((ILayeredClassifier)module).ModulePath(layer)), layer, images, withGradients: false);

    private static long[] LayerShape(nn.Module<Tensor, Tensor> module, string layer, Tensor images)
    {
        var (_, features) = LayerOf(module, layer, images);
        using var owned = features;
        return features.shape;
    }
}

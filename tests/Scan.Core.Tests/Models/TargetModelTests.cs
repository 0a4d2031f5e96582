using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Native;
using Scan.Core.Tests.TestModels;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Models;

public sealed class TargetModelTests
{
    public TargetModelTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    /// <summary>Features are the normalised pixels of a 1×2×2 image; logits = W · flatten(features), so d logit_c / d features = W[c].</summary>
    private static TargetModel LinearProbe()
    {
        var description = new TargetDescription("test", ["features"], "features", new ImageShape(1, 2, 2), new Normalization([0.5f], [0.5f]),
            ["a", "b"], new Dictionary<string, int>(), null, "none", "none");
        var weights = tensor(new float[,] { { 1, 2, 3, 4 }, { -1, 0, 0, 5 } });
        return new TargetModel(description, new FunctionClassifier(x => x.alias(), f => f.flatten(1).matmul(weights.t())), CPU);
    }

    [Fact]
    public void FeaturesAndGradients_LinearProbe_GivesNormalisedFeaturesAndTheChosenWeightRow()
    {
        using var scope = NewDisposeScope();
        using var model = LinearProbe();
        var images = tensor(new float[] { 0.5f, 0, 0, 0.5f }).reshape(1, 1, 2, 2);

        var predicted = model.FeaturesAndGradients(images, null, "features");
        var chosen = model.FeaturesAndGradients(images, tensor(new long[] { 0 }), "features");

        // (x − 0.5) / 0.5: [0.5, 0, 0, 0.5] → [0, −1, −1, 0].
        Assert.Equal([0f, -1, -1, 0], predicted.Features.flatten().data<float>().ToArray());
        // Logits: row 0 = 0·1 − 1·2 − 1·3 + 0·4 = −5, row 1 = 0·(−1) + 0 + 0 + 0·5 = 0, so the prediction is class 1.
        Assert.Equal([-5f, 0], predicted.Logits.flatten().data<float>().ToArray());
        // d logit_c / d features = W[c]: class 1 when predicted, class 0 when asked for.
        Assert.Equal([-1f, 0, 0, 5], predicted.Gradients.flatten().data<float>().ToArray());
        Assert.Equal([1f, 2, 3, 4], chosen.Gradients.flatten().data<float>().ToArray());
    }

    [Fact]
    public void FeaturesAndGradients_Softmax_GradientOfThePredictedProbability()
    {
        using var scope = NewDisposeScope();
        using var model = LinearProbe();
        var images = tensor(new float[] { 0.5f, 0, 0, 0.5f }).reshape(1, 1, 2, 2);

        var result = model.FeaturesAndGradients(images, null, "features", softmax: true);

        // Logits −5 and 0: class 1 is predicted with p₁ = 1/(1 + e⁻⁵) = 0.9933071, p₀ = 0.0066929.
        // d p₁ / d F = p₁(W[1] − (p₀W[0] + p₁W[1])) = p₁p₀(W[1] − W[0]) = 0.0066481·(−2, −2, −3, 1).
        Assert.Equal([-0.0132961f, -0.0132961f, -0.0199442f, 0.0066481f], result.Gradients.flatten().data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Theory]
    [InlineData("cnn", "stage3")]
    [InlineData("cnn", "stage1")]
    [InlineData("vit", "block1")]
    [InlineData("vit", "embed")]
    public void FeaturesAndGradients_Layer_MatchesCentralFiniteDifferences(string architecture, string layer)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var description = TinyTargets.ByName(architecture);
        var module = TargetArchitectures.Create(description);
        TinyTargets.Scramble(module);
        module.to(float64);
        using var model = new TargetModel(description, module, CPU);
        var layerModule = LayerCapture.Find(module, ((ILayeredClassifier)module).ModulePath(layer));
        var images = rand(2, 1, 16, 16, dtype: float64);
        var classes = tensor(new long[] { 2, 0 });

        var result = model.FeaturesAndGradients(images, classes, layer);

        const double step = 1e-5;
        var features = result.Features.flatten(1);
        using var noGrad = no_grad();
        foreach (var element in new long[] { 0, 7, features.shape[1] - 1 })
        {
            var plus = features.clone();
            var minus = features.clone();
            plus[.., element] += step;
            minus[.., element] -= step;
            var shape = result.Features.shape;
            var difference = WithLayerOutput(module, layerModule, images, plus.reshape(shape))
                .sub(WithLayerOutput(module, layerModule, images, minus.reshape(shape))).div(2 * step);
            var estimate = difference.gather(1, classes.unsqueeze(1)).squeeze(1);
            var gradient = result.Gradients.flatten(1)[.., element];
            Assert.True(estimate.allclose(gradient, rtol: 1e-4, atol: 1e-7), $"{architecture} {layer} element {element}: autograd {gradient.str()} vs finite difference {estimate.str()}.");
        }
        Assert.True(result.Gradients.abs().sum().item<double>() > 0);
    }

    /// <summary>The model's logits when <paramref name="layer"/>'s output is replaced by <paramref name="features"/>.</summary>
    private static Tensor WithLayerOutput(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor> layer, Tensor images, Tensor features)
    {
        var hook = layer.register_forward_hook((_, _, _) => features.clone());
        try
        {
            return model.call(images);
        }
        finally
        {
            hook.remove();
        }
    }
}

using Scan.Core.Models;
using Scan.Core.Native;
using Scan.Core.Sanity;
using Scan.Core.Tests.Models;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Sanity;

public sealed class CascadingRandomizationTests
{
    public CascadingRandomizationTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Order_IsTheHeadThenTheLayersFromTheLast()
    {
        using var target = Scrambled(TinyTargets.Cnn());
        Assert.Equal(["head", .. target.LayerNames.Reverse()], CascadingRandomization.Order(target));
    }

    [Theory]
    [InlineData("cnn")]
    [InlineData("vit")]
    public void Apply_ChangesExactlyTheFirstPartsAndKeepsTheRest(string architecture)
    {
        using var original = Scrambled(TinyTargets.ByName(architecture));
        using var randomised = Scrambled(TinyTargets.ByName(architecture));
        CascadingRandomization.Apply(randomised, 2, seed: 3);
        var order = CascadingRandomization.Order(randomised);
        var changedPrefixes = new[] { "head.", $"stages.{randomised.LayerNames.Count - 1}." };
        var before = original.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in randomised.Module.named_parameters())
        {
            var changed = changedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(changed != parameter.eq(before[name]).all().item<bool>(), $"{name} (parts randomised: {order[0]}, {order[1]})");
        }
    }

    [Fact]
    public void Apply_WeightsFollowTheDefaultInitialisation()
    {
        // Head of the tiny CNN: Linear(16 → 3). Kaiming-uniform with a = √5 draws from U(−1/√16, 1/√16) = U(−0.25, 0.25);
        // the bias restarts at 0.
        using var target = Scrambled(TinyTargets.Cnn());
        CascadingRandomization.Apply(target, 1, seed: 3);
        var head = target.Module.named_parameters().Where(p => p.name.StartsWith("head.", StringComparison.Ordinal)).ToList();
        var weight = head.Single(p => p.parameter.dim() == 2).parameter;
        Assert.True(weight.abs().max().item<float>() <= 0.25f);
        Assert.True(weight.std().item<float>() > 0.05f);
        Assert.All(head.Where(p => p.name.EndsWith("bias", StringComparison.Ordinal)), p => Assert.Equal(0f, p.parameter.abs().sum().item<float>()));
    }

    [Fact]
    public void Apply_SameSeed_SameWeights_AndAPartDrawsTheSameInEveryState()
    {
        using var one = Scrambled(TinyTargets.Cnn());
        using var two = Scrambled(TinyTargets.Cnn());
        CascadingRandomization.Apply(one, 1, seed: 5);
        CascadingRandomization.Apply(two, 3, seed: 5);
        var first = one.Module.named_parameters().Where(p => p.name.StartsWith("head.", StringComparison.Ordinal)).ToList();
        var second = two.Module.named_parameters().Where(p => p.name.StartsWith("head.", StringComparison.Ordinal)).ToList();
        Assert.All(first.Zip(second), pair => Assert.True(pair.First.parameter.eq(pair.Second.parameter).all().item<bool>()));
    }

    [Fact]
    public void Apply_BatchNormStatisticsRestart()
    {
        using var target = Scrambled(TinyTargets.Cnn());
        CascadingRandomization.Apply(target, CascadingRandomization.Order(target).Count, seed: 1);
        foreach (var (name, buffer) in target.Module.named_buffers())
        {
            if (name.EndsWith("running_mean", StringComparison.Ordinal))
            {
                Assert.Equal(0f, buffer.abs().sum().item<float>());
            }
            else if (name.EndsWith("running_var", StringComparison.Ordinal))
            {
                Assert.True(buffer.eq(1).all().item<bool>(), name);
            }
        }
    }

    [Fact]
    public void Apply_BadPartCountOrUnstagedTarget_Throws()
    {
        using var target = Scrambled(TinyTargets.Cnn());
        Assert.Throws<ArgumentOutOfRangeException>(() => CascadingRandomization.Apply(target, CascadingRandomization.Order(target).Count + 1, 1));
        using var tiny = TinyConvClassifier.Target();
        Assert.Throws<ScanInputException>(() => CascadingRandomization.Apply(tiny, 1, 1));
    }

    [Fact]
    public void Apply_ImportedResNet_RandomisesFcThenLayer4AndKeepsTheRest()
    {
        using var original = Imported("resnet18", 32);
        using var randomised = Imported("resnet18", 32);
        TinyTargets.Scramble(original.Module);
        randomised.Module.load_state_dict(original.Module.state_dict());

        CascadingRandomization.Apply(randomised, 2, seed: 3);

        Assert.Equal(["fc", "layer4", "layer3", "layer2", "layer1", "bn1", "conv1"], CascadingRandomization.Order(randomised));
        var before = original.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in randomised.Module.named_parameters())
        {
            var changed = name.StartsWith("fc.", StringComparison.Ordinal) || name.StartsWith("layer4.", StringComparison.Ordinal);
            Assert.True(changed != parameter.eq(before[name]).all().item<bool>(), name);
        }
    }

    [Fact]
    public void Order_ImportedVit_IsTheHeadTheNormTheBlocksFromTheLastThenTheEmbedding()
    {
        using var target = Imported("vit_b_16", 32);

        Assert.Equal(["heads", "encoder.ln", .. Enumerable.Range(0, 12).Reverse().Select(i => $"encoder.layers.encoder_layer_{i}"), "embedding"],
            CascadingRandomization.Order(target));
    }

    private static TargetModel Imported(string architecture, int imageSize)
    {
        var module = Scan.Core.Models.Imported.TorchVisionArchitectures.Create(architecture, 2, imageSize);
        var description = Scan.Core.Models.Imported.TorchVisionArchitectures.Describe(architecture, module, ["a", "b"], imageSize, "test");
        return new TargetModel(description, module, CPU);
    }

    private static TargetModel Scrambled(TargetDescription description)
    {
        manual_seed(11);
        var module = TargetArchitectures.Create(description);
        TinyTargets.Scramble(module);
        return new TargetModel(description, module, CPU);
    }
}

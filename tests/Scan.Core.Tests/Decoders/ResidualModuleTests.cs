using Scan.Core.Decoders;
using Scan.Core.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Decoders;

public sealed class ResidualModuleTests
{
    public ResidualModuleTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Theory]
    [InlineData(64, 32)]
    [InlineData(96, 32)]
    [InlineData(48, 16)]
    [InlineData(3, 1)]
    public void GroupCount_IsGcdWith32(int channels, int groups) => Assert.Equal(groups, DecoderNorm.GroupCount(channels));

    [Fact]
    public void Create_GroupNorm_StartsAsIdentityAffine()
    {
        // PyTorch initialises GroupNorm's weight to 1 and bias to 0 (TorchSharp 0.107 leaves them uninitialised).
        using var norm = (GroupNorm)DecoderNorm.Create(64, DecoderNormalization.GroupNorm);
        Assert.Equal(32, norm.num_groups);
        Assert.True(norm.weight.eq(1).all().item<bool>());
        Assert.True(norm.bias!.eq(0).all().item<bool>());
    }

    [Fact]
    public void Forward_SameWidth_KeepsShapeAndAddsTheInput()
    {
        // With the last 1×1 conv zeroed the branch adds 0, so the output is the identity shortcut: the input.
        using var scope = NewDisposeScope();
        using var module = new ResidualModule(16, 16, DecoderNormalization.GroupNorm);
        using (no_grad())
        {
            foreach (var (name, parameter) in module.named_parameters())
            {
                if (name.StartsWith("_expand", StringComparison.Ordinal))
                {
                    parameter.zero_();
                }
            }
        }
        var input = randn(2, 16, 5, 5);
        var output = module.call(input);
        Assert.Equal(input.shape, output.shape);
        Assert.True(output.allclose(input));
    }

    [Fact]
    public void Forward_DifferentWidth_ProjectsTheShortcut()
    {
        using var scope = NewDisposeScope();
        using var module = new ResidualModule(16, 32, DecoderNormalization.GroupNorm);
        Assert.Equal([2L, 32, 5, 5], module.call(randn(2, 16, 5, 5)).shape);
        Assert.Contains(module.named_parameters(), p => p.name == "_projection.weight");
        // Bottleneck to 32/2 = 16 channels: the 3×3 conv's weight is [16, 16, 3, 3].
        Assert.Equal([16L, 16, 3, 3], module.named_parameters().Single(p => p.name == "_conv.weight").parameter.shape);
    }

    [Fact]
    public void Create_BatchNormSetting_UsesBatchNorm()
    {
        using var group = new ResidualModule(16, 16, DecoderNormalization.GroupNorm);
        using var batch = new ResidualModule(16, 16, DecoderNormalization.BatchNorm);
        Assert.Equal(3, group.modules().OfType<GroupNorm>().Count());
        Assert.Empty(group.modules().OfType<BatchNorm2d>());
        Assert.Equal(3, batch.modules().OfType<BatchNorm2d>().Count());
        Assert.Empty(batch.modules().OfType<GroupNorm>());
    }
}

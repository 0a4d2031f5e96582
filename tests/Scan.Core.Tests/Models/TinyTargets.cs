using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Models;

/// <summary>Small targets of both architectures on 1×16×16 inputs, quick enough for unit tests.</summary>
internal static class TinyTargets
{
    public static readonly ImageShape Input = new(1, 16, 16);

    public static readonly string[] ClassNames = ["zero", "one", "two"];

    public static TargetDescription Cnn(int baseWidth = 4) => TargetArchitectures.Describe(
        ResNetClassifier.Architecture, Input, Normalization.FashionMnist, ClassNames, "random", "none",
        new Dictionary<string, int> { ["base_width"] = baseWidth, ["blocks_per_stage"] = 1 });

    public static TargetDescription Vit(int depth = 2) => TargetArchitectures.Describe(
        VisionTransformerClassifier.Architecture, Input, Normalization.FashionMnist, ClassNames, "random", "none",
        new Dictionary<string, int> { ["patch"] = 4, ["dim"] = 8, ["depth"] = depth, ["heads"] = 2, ["mlp_ratio"] = 2 });

    public static TargetDescription ByName(string architecture) =>
        architecture == ResNetClassifier.Architecture ? Cnn() : Vit();

    /// <summary>
    /// Moves every weight away from its initial value and gives batch norms non-default running statistics, as
    /// training would: no activation sits exactly on a ReLU kink (zero-initialised residual branches put many there),
    /// and a round trip that dropped a buffer would show.
    /// </summary>
    public static void Scramble(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var parameter in module.parameters())
        {
            parameter.add_(randn_like(parameter).mul(0.1));
        }
        foreach (var (name, buffer) in module.named_buffers())
        {
            if (name.EndsWith("running_mean", StringComparison.Ordinal))
            {
                buffer.copy_(randn_like(buffer).mul(0.1));
            }
            else if (name.EndsWith("running_var", StringComparison.Ordinal))
            {
                buffer.copy_(rand_like(buffer).add(0.5));
            }
        }
    }
}

using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Tests.TestModels;

/// <summary>An untrained vision transformer for 1×16×16 inputs: patch 4 (a 4×4 grid, 17 tokens), width 16, 2 blocks of 2 heads.</summary>
public static class TinyVisionTransformer
{
    public static TargetModel Target(long seed = 11, int depth = 2)
    {
        manual_seed(seed);
        var description = TargetArchitectures.Describe(VisionTransformerClassifier.Architecture, new ImageShape(1, 16, 16), Normalization.FashionMnist,
            ["a", "b", "c"], "test", "test", new Dictionary<string, int> { ["patch"] = 4, ["dim"] = 16, ["depth"] = depth, ["heads"] = 2, ["mlp_ratio"] = 2 });
        return new TargetModel(description, TargetArchitectures.Create(description), CPU);
    }

    public static VisionTransformerClassifier Classifier(TargetModel target) => (VisionTransformerClassifier)target.Module;
}

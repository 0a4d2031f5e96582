using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A small ResNet for small images: a 3×3 stem at full resolution, three stages of basic residual blocks of
/// width w, 2w, 4w (the last two halve the resolution: 32 → 16 → 8), global average pooling and a linear layer.
/// Layers: "stem", "stage1", "stage2", "stage3"; SCAN explains the last convolutional stage by default.
/// </summary>
public sealed class ResNetClassifier : StagedClassifier
{
    public const string Architecture = "cnn";
    public static readonly IReadOnlyList<string> Layers = ["stem", "stage1", "stage2", "stage3"];

    public ResNetClassifier(int inputChannels, int classes, int baseWidth, int blocksPerStage, string defaultLayer = "stage3")
        : base(nameof(ResNetClassifier), BuildStages(inputChannels, baseWidth, blocksPerStage), BuildHead(4 * baseWidth, classes), defaultLayer)
    {
    }

    private static List<(string, nn.Module<Tensor, Tensor>)> BuildStages(int inputChannels, int baseWidth, int blocksPerStage)
    {
        var stem = nn.Sequential(
            nn.Conv2d(inputChannels, baseWidth, 3, padding: 1, bias: false),
            nn.BatchNorm2d(baseWidth),
            nn.ReLU());
        return
        [
            (Layers[0], stem),
            (Layers[1], BuildStage(baseWidth, baseWidth, 1, blocksPerStage)),
            (Layers[2], BuildStage(baseWidth, 2 * baseWidth, 2, blocksPerStage)),
            (Layers[3], BuildStage(2 * baseWidth, 4 * baseWidth, 2, blocksPerStage)),
        ];
    }

    private static nn.Module<Tensor, Tensor> BuildStage(int inputChannels, int outputChannels, int stride, int blocks) =>
        nn.Sequential(Enumerable.Range(0, blocks)
            .Select(block => (nn.Module<Tensor, Tensor>)new ResidualBlock(block == 0 ? inputChannels : outputChannels, outputChannels, block == 0 ? stride : 1))
            .ToArray());

    private static nn.Module<Tensor, Tensor> BuildHead(int channels, int classes) =>
        nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, classes));
}

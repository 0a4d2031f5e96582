using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A small vision transformer: patch embedding with class token and learned positions ("embed"), pre-norm blocks
/// ("block1".."blockN", tokens [B, 1 + g², D], class token first), a final layer norm and a linear head on the class
/// token. SCAN explains the middle block by default (the paper takes block 6 of ViT-B/16's 12).
/// </summary>
public sealed class VisionTransformerClassifier : StagedClassifier, IAttentionClassifier
{
    public const string Architecture = "vit";
    public const string EmbeddingLayer = "embed";

    public VisionTransformerClassifier(VisionTransformerSize size, int inputChannels, int imageSize, int classes, string? defaultLayer = null)
        : base(nameof(VisionTransformerClassifier), BuildStages(size, inputChannels, imageSize), new ClassTokenHead(size.Dim, classes), defaultLayer ?? DefaultLayerFor(size.Depth))
    {
        using var noGrad = no_grad();
        foreach (var linear in modules().OfType<TorchSharp.Modules.Linear>())
        {
            SmallNormalInit.Fill(linear.weight!);
            linear.bias?.zero_();
        }
    }

    /// <summary>"embed", then "block1".."block{depth}".</summary>
    public static IReadOnlyList<string> LayerNamesFor(int depth) =>
        [EmbeddingLayer, .. Enumerable.Range(1, depth).Select(block => $"block{block}")];

    public static string DefaultLayerFor(int depth) => $"block{Math.Max(1, depth / 2)}";

    /// <summary>Logits of normalised images and the attention probabilities of every block.</summary>
    public AttentionTrace ForwardWithAttention(Tensor normalisedImages)
    {
        using var scope = NewDisposeScope();
        var tokens = Stages[0].call(normalisedImages);
        var attention = new List<Tensor>();
        foreach (var block in Stages.Skip(1).Cast<TransformerBlock>())
        {
            (tokens, var probabilities) = block.ForwardWithAttention(tokens);
            attention.Add(probabilities);
        }
        var logits = Head.call(tokens).MoveToOuterDisposeScope();
        return new AttentionTrace(logits, [.. attention.Select(probabilities => probabilities.MoveToOuterDisposeScope())]);
    }

    private static List<(string, nn.Module<Tensor, Tensor>)> BuildStages(VisionTransformerSize size, int inputChannels, int imageSize)
    {
        var names = LayerNamesFor(size.Depth);
        var stages = new List<(string, nn.Module<Tensor, Tensor>)> { (names[0], new PatchEmbedding(inputChannels, imageSize, size.Patch, size.Dim)) };
        stages.AddRange(names.Skip(1).Select(name => (name, (nn.Module<Tensor, Tensor>)new TransformerBlock(size.Dim, size.Heads, size.MlpRatio))));
        return stages;
    }
}

/// <summary>A vision transformer's sizes: patch side, token width, number of blocks, attention heads, MLP width ratio.</summary>
public sealed record VisionTransformerSize(int Patch, int Dim, int Depth, int Heads, int MlpRatio);

using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace Scan.Core.Models.Imported;

/// <summary>
/// timm's names for the same ViT (<c>vit_base_patch16_224</c>: <c>patch_embed.proj</c>, <c>cls_token</c>,
/// <c>pos_embed</c>, <c>blocks.N.attn.qkv</c>, …) renamed to torchvision's. timm's fused <c>qkv</c> projection has
/// PyTorch's <c>in_proj</c> layout, so the tensors themselves are unchanged.
/// </summary>
public static class TimmVisionTransformerNames
{
    private static readonly (Regex Timm, string TorchVision)[] Renames =
    [
        (new("^cls_token$"), "class_token"),
        (new("^pos_embed$"), "encoder.pos_embedding"),
        (new(@"^patch_embed\.proj\.(weight|bias)$"), "conv_proj.$1"),
        (new(@"^blocks\.(\d+)\.norm1\.(weight|bias)$"), "encoder.layers.encoder_layer_$1.ln_1.$2"),
        (new(@"^blocks\.(\d+)\.attn\.qkv\.(weight|bias)$"), "encoder.layers.encoder_layer_$1.self_attention.in_proj_$2"),
        (new(@"^blocks\.(\d+)\.attn\.proj\.(weight|bias)$"), "encoder.layers.encoder_layer_$1.self_attention.out_proj.$2"),
        (new(@"^blocks\.(\d+)\.norm2\.(weight|bias)$"), "encoder.layers.encoder_layer_$1.ln_2.$2"),
        (new(@"^blocks\.(\d+)\.mlp\.fc1\.(weight|bias)$"), "encoder.layers.encoder_layer_$1.mlp.0.$2"),
        (new(@"^blocks\.(\d+)\.mlp\.fc2\.(weight|bias)$"), "encoder.layers.encoder_layer_$1.mlp.3.$2"),
        (new(@"^norm\.(weight|bias)$"), "encoder.ln.$1"),
        (new(@"^head\.(weight|bias)$"), "heads.head.$1"),
    ];

    /// <summary>Whether the tensors carry timm's ViT names.</summary>
    public static bool AreTimm(IReadOnlyDictionary<string, Tensor> tensors) =>
        tensors.ContainsKey("cls_token") && tensors.ContainsKey("patch_embed.proj.weight");

    /// <summary>The same tensors under torchvision's names; a name timm's ViT does not have is kept, so the loader reports it.</summary>
    public static Dictionary<string, Tensor> ToTorchVision(IReadOnlyDictionary<string, Tensor> tensors) =>
        tensors.ToDictionary(entry => Rename(entry.Key), entry => entry.Value);

    private static string Rename(string name)
    {
        foreach (var (timm, torchVision) in Renames)
        {
            if (timm.IsMatch(name))
            {
                return timm.Replace(name, torchVision);
            }
        }
        return name;
    }
}

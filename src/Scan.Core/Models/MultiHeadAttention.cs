using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// The core of multi-head self-attention, shared by every transformer here: queries, keys and values as one
/// [B, T, 3·D] projection (PyTorch's <c>in_proj</c> layout: all queries, then keys, then values, heads contiguous),
/// <c>softmax(q kᵀ / √d)</c> per head, the heads' outputs concatenated back to [B, T, D].
/// </summary>
public static class MultiHeadAttention
{
    /// <summary>The heads' mixed values [B, T, D] and the attention probabilities [B, heads, T, T], in the caller's dispose scope.</summary>
    public static (Tensor Mixed, Tensor Attention) Attend(Tensor queryKeyValue, int heads)
    {
        var (batch, tokens, dim) = (queryKeyValue.shape[0], queryKeyValue.shape[1], queryKeyValue.shape[2] / 3);
        var headDim = dim / heads;
        var qkv = queryKeyValue.reshape(batch, tokens, 3, heads, headDim).permute(2, 0, 3, 1, 4);
        var (queries, keys, values) = (qkv[0], qkv[1], qkv[2]);
        var attention = queries.matmul(keys.transpose(-2, -1)).mul(1.0 / Math.Sqrt(headDim)).softmax(-1);
        return (attention.matmul(values).transpose(1, 2).reshape(batch, tokens, dim), attention);
    }
}

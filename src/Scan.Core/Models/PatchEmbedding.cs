using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// Images [B, C, S, S] to tokens [B, 1 + (S/p)², D]: non-overlapping p×p patches projected to D (a strided
/// convolution), a learned class token in front, learned position embeddings added.
/// </summary>
public sealed class PatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _projection;
    private readonly Parameter _classToken;
    private readonly Parameter _positions;

    public PatchEmbedding(int inputChannels, int imageSize, int patch, int dim) : base(nameof(PatchEmbedding))
    {
        var grid = imageSize / patch;
        _projection = nn.Conv2d(inputChannels, dim, patch, stride: patch);
        _classToken = nn.Parameter(SmallNormalInit.Fill(empty(1, 1, dim)));
        _positions = nn.Parameter(SmallNormalInit.Fill(empty(1, 1 + grid * grid, dim)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var patches = _projection.call(input).flatten(2).transpose(1, 2);
        var classToken = _classToken.expand(patches.shape[0], -1, -1);
        return cat([classToken, patches], 1).add(_positions).MoveToOuterDisposeScope();
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>
/// The analysis network for ViT tokens [B, 1 + g², D] (SPEC.md §3): a linear projection to the decoder width, the
/// transformer blocks and a final LayerNorm; the class token is dropped and the patch tokens (row-major) reshaped to
/// [B, dim, g, g]; then per stage {×2 upsampling + ReLU, 2 residual modules} until S; then a 1×1 conv to C_img + 1. The
/// upsampling is a bilinear resize and a 3×3 convolution, or (<c>resizeConvolution</c> false) the authors' stride-2
/// transposed convolution, whose parity-dependent taps the residual modules after it do not fully smooth out.
/// </summary>
public sealed class TransformerDecoder : nn.Module<Tensor, Tensor>
{
    private const int MlpRatio = 4;

    private readonly Linear _input;
    private readonly ModuleList<Models.TransformerBlock> _blocks;
    private readonly LayerNorm _norm;
    private readonly ModuleList<Sequential> _stages;
    private readonly Conv2d _head;
    private readonly int _tokenWidth;
    private readonly int _grid;
    private readonly int _dim;

    /// <param name="widths">Each stage's output width: exactly log₂(S/g) entries.</param>
    public TransformerDecoder(
        int tokenWidth, int featureGrid, int imageSize, int imageChannels,
        int dim, int heads, int blocks, IReadOnlyList<int> widths, DecoderNormalization normalization, bool resizeConvolution = false)
        : base(nameof(TransformerDecoder))
    {
        var stages = DecoderStages.Count(featureGrid, imageSize);
        if (widths.Count != stages)
        {
            throw new ArgumentException($"{stages} stages need {stages} widths; got {widths.Count}.", nameof(widths));
        }
        _tokenWidth = tokenWidth;
        _grid = featureGrid;
        _dim = dim;
        _input = nn.Linear(tokenWidth, dim);
        _blocks = nn.ModuleList(Enumerable.Range(0, blocks).Select(_ => new Models.TransformerBlock(dim, heads, MlpRatio)).ToArray());
        _norm = nn.LayerNorm(dim);
        _stages = nn.ModuleList(Enumerable.Range(0, stages).Select(i => nn.Sequential(
            ("upsample", DecoderStages.Upsampling(i == 0 ? dim : widths[i - 1], widths[i], resizeConvolution)),
            ("relu", nn.ReLU()),
            ("residual1", new ResidualModule(widths[i], widths[i], normalization)),
            ("residual2", new ResidualModule(widths[i], widths[i], normalization)))).ToArray());
        _head = nn.Conv2d(stages == 0 ? dim : widths[stages - 1], imageChannels + 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var count = 1 + (_grid * _grid);
        if (tokens.dim() != 3 || tokens.shape[1] != count || tokens.shape[2] != _tokenWidth)
        {
            throw new ArgumentException(
                $"Expected tokens [B, {count}, {_tokenWidth}] (a class token, then {_grid}×{_grid} patches); got [{string.Join(", ", tokens.shape)}].", nameof(tokens));
        }
        var x = _input.call(tokens);
        foreach (var block in _blocks)
        {
            x = block.call(x);
        }
        x = _norm.call(x);
        var batch = tokens.shape[0];
        x = x.narrow(1, 1, _grid * _grid).transpose(1, 2).reshape(batch, _dim, _grid, _grid);
        foreach (var stage in _stages)
        {
            x = stage.call(x);
        }
        return _head.call(x).MoveToOuterDisposeScope();
    }
}

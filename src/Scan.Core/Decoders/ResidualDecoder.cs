using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>
/// The analysis network for CNN features [B, C, g, g] (SPEC.md §3): a 1×1 projection to the first width, then per
/// stage {2 residual modules, ConvTranspose2d k3 s2 (padding 1, output padding 1: the grid doubles exactly) + ReLU}
/// until the grid reaches S, then <c>fullResolutionModules</c> residual modules (3×3) at S, then a 1×1 conv to C_img + 1
/// channels (the reconstruction, then the raw confidence). Without full-resolution modules the output mixes no
/// neighbouring pixels after the last transposed convolution, whose taps differ with the pixel's parity: a checkerboard.
/// </summary>
public sealed class ResidualDecoder : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _projection;
    private readonly ModuleList<Sequential> _stages;
    private readonly Sequential _fullResolution;
    private readonly Conv2d _head;
    private readonly int _channels;
    private readonly int _grid;

    /// <param name="widths">The projection's width and each stage's output width: exactly log₂(S/g) + 1 entries.</param>
    public ResidualDecoder(int featureChannels, int featureGrid, int imageSize, int imageChannels, IReadOnlyList<int> widths, DecoderNormalization normalization,
        int fullResolutionModules = 0, bool resizeConvolution = false)
        : base(nameof(ResidualDecoder))
    {
        var stages = DecoderStages.Count(featureGrid, imageSize);
        if (widths.Count != stages + 1)
        {
            throw new ArgumentException($"{stages} stages need {stages + 1} widths; got {widths.Count}.", nameof(widths));
        }
        _channels = featureChannels;
        _grid = featureGrid;
        _projection = nn.Conv2d(featureChannels, widths[0], 1);
        _stages = nn.ModuleList(Enumerable.Range(0, stages).Select(i => nn.Sequential(
            ("residual1", new ResidualModule(widths[i], widths[i], normalization)),
            ("residual2", new ResidualModule(widths[i], widths[i], normalization)),
            ("upsample", DecoderStages.Upsampling(widths[i], widths[i + 1], resizeConvolution)),
            ("relu", nn.ReLU()))).ToArray());
        _fullResolution = nn.Sequential(Enumerable.Range(0, fullResolutionModules)
            .Select(i => ($"residual{i + 1}", (nn.Module<Tensor, Tensor>)new ResidualModule(widths[stages], widths[stages], normalization))).ToArray());
        _head = nn.Conv2d(widths[stages], imageChannels + 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        if (features.dim() != 4 || features.shape[1] != _channels || features.shape[2] != _grid || features.shape[3] != _grid)
        {
            throw new ArgumentException(
                $"Expected features [B, {_channels}, {_grid}, {_grid}]; got [{string.Join(", ", features.shape)}].", nameof(features));
        }
        var x = _projection.call(features);
        foreach (var stage in _stages)
        {
            x = stage.call(x);
        }
        return _head.call(_fullResolution.call(x)).MoveToOuterDisposeScope();
    }
}

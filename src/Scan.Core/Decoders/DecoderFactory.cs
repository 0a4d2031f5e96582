using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Decoders;

/// <summary>The analysis network for a layer's features: residual for a spatial map, transformer for tokens.</summary>
public static class DecoderFactory
{
    /// <summary>A decoder from features of <paramref name="layout"/> to [B, C_img + 1, S, S] for square inputs of <paramref name="input"/>.</summary>
    public static nn.Module<Tensor, Tensor> Create(FeatureLayout layout, ImageShape input, ScanSettings settings)
    {
        settings.Validate();
        if (input.Height != input.Width)
        {
            throw new ScanInputException($"SCAN decoders need square inputs; the target takes {input.Height}×{input.Width}.");
        }
        var stages = DecoderStages.Count(layout.Grid, input.Height);
        return layout.Kind switch
        {
            FeatureKind.Spatial => new ResidualDecoder(
                layout.Channels, layout.Grid, input.Height, input.Channels,
                DecoderStages.Widths(settings.ResidualDecoderWidths, stages + 1, nameof(ScanSettings.ResidualDecoderWidths),
                    ScanSettings.DefaultResidualDecoderWidths, width => width + 16),
                settings.Normalization, settings.FullResolutionModules, settings.ResizeConvolution),
            FeatureKind.Tokens => new TransformerDecoder(
                layout.Channels, layout.Grid, input.Height, input.Channels,
                settings.TransformerDecoderDim, settings.TransformerDecoderHeads, settings.TransformerDecoderBlocks,
                DecoderStages.Widths(settings.TransformerDecoderWidths, stages, nameof(ScanSettings.TransformerDecoderWidths),
                    ScanSettings.DefaultTransformerDecoderWidths, width => 2 * width),
                settings.Normalization, settings.ResizeConvolution),
            _ => throw new ArgumentException($"No decoder for features of kind {layout.Kind}.", nameof(layout)),
        };
    }
}

using Scan.Core.Data;
using Scan.Core.Decoders;
using Scan.Core.Models;
using Scan.Core.Native;
using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Decoders;

public sealed class DecoderFactoryTests
{
    private static readonly FeatureLayout Spatial = new(FeatureKind.Spatial, 64, 8);
    private static readonly FeatureLayout Tokens = new(FeatureKind.Tokens, 48, 8);
    private readonly ITestOutputHelper _output;

    public DecoderFactoryTests(ITestOutputHelper output)
    {
        TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);
        _output = output;
    }

    private static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    private static long[] Shape(FeatureLayout layout, int batch) => layout.Kind == FeatureKind.Spatial
        ? [batch, layout.Channels, layout.Grid, layout.Grid]
        : [batch, 1 + (layout.Grid * layout.Grid), layout.Channels];

    [Theory]
    [InlineData(FeatureKind.Spatial, 1)]
    [InlineData(FeatureKind.Spatial, 3)]
    [InlineData(FeatureKind.Tokens, 1)]
    [InlineData(FeatureKind.Tokens, 3)]
    public void Create_ThirtyTwoPixelInput_OutputsImageChannelsPlusConfidence(FeatureKind kind, int channels)
    {
        var layout = kind == FeatureKind.Spatial ? Spatial : Tokens;
        using var scope = NewDisposeScope();
        using var decoder = DecoderFactory.Create(layout, new ImageShape(channels, 32, 32), new ScanSettings());
        Assert.IsType(kind == FeatureKind.Spatial ? typeof(ResidualDecoder) : typeof(Scan.Core.Decoders.TransformerDecoder), decoder);
        var output = decoder.call(randn(Shape(layout, 2)));
        Assert.Equal([2L, channels + 1, 32, 32], output.shape);
        var parameters = ParameterCount(decoder);
        _output.WriteLine($"{kind} {layout.Channels}×{layout.Grid} → {channels + 1}×32×32: {parameters:N0} parameters");
        Assert.InRange(parameters, 30_000, 2_000_000);
    }

    [Fact]
    public void Create_Spatial8To32_UsesTheLastThreeResidualWidths()
    {
        // Default widths [64, 48, 32, 16], 2 stages: projection 64 → 48, stages 48 → 32 → 16 (bilinear resize, then a 3×3
        // convolution), 3 residual modules at 16 wide, head 16 → 2.
        using var decoder = DecoderFactory.Create(Spatial, new ImageShape(1, 32, 32), new ScanSettings());
        var shapes = decoder.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([48L, 64, 1, 1], shapes["_projection.weight"]);
        Assert.Equal([32L, 48, 3, 3], shapes["_stages.0.upsample.conv.weight"]);
        Assert.Equal([16L, 32, 3, 3], shapes["_stages.1.upsample.conv.weight"]);
        Assert.Equal(["_fullResolution.residual1", "_fullResolution.residual2", "_fullResolution.residual3"],
            shapes.Keys.Where(name => name.StartsWith("_fullResolution.", StringComparison.Ordinal)).Select(name => string.Join('.', name.Split('.').Take(2))).Distinct().Order());
        Assert.Equal([2L, 16, 1, 1], shapes["_head.weight"]);
    }

    [Fact]
    public void Create_TransposedUpsampling_UsesStrideTwoTransposedConvolutions()
    {
        using var decoder = DecoderFactory.Create(Spatial, new ImageShape(1, 32, 32), new ScanSettings { ResizeConvolution = false, FullResolutionModules = 0 });
        var shapes = decoder.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([48L, 32, 3, 3], shapes["_stages.0.upsample.weight"]);
        Assert.Equal([32L, 16, 3, 3], shapes["_stages.1.upsample.weight"]);
        Assert.DoesNotContain(shapes.Keys, name => name.StartsWith("_fullResolution.", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_Tokens8To32_UsesTwoBlocksAndTheLastTwoTransformerWidths()
    {
        // Defaults: tokens 48 → 64, 2 blocks, widths [16, 8, 8], 2 stages: 64 → 8 → 8, head 8 → 2.
        using var decoder = DecoderFactory.Create(Tokens, new ImageShape(1, 32, 32), new ScanSettings());
        var shapes = decoder.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([64L, 48], shapes["_input.weight"]);
        Assert.Equal(2, shapes.Keys.Where(name => name.StartsWith("_blocks.", StringComparison.Ordinal)).Select(name => name.Split('.')[1]).Distinct().Count());
        Assert.Equal([8L, 64, 3, 3], shapes["_stages.0.upsample.conv.weight"]);
        Assert.Equal([8L, 8, 3, 3], shapes["_stages.1.upsample.conv.weight"]);
        Assert.Equal([2L, 8, 1, 1], shapes["_head.weight"]);
    }

    [Fact]
    public void Create_TokensWithTransposedUpsampling_UsesStrideTwoTransposedConvolutions()
    {
        using var decoder = DecoderFactory.Create(Tokens, new ImageShape(1, 32, 32), new ScanSettings { ResizeConvolution = false });
        var shapes = decoder.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([64L, 8, 3, 3], shapes["_stages.0.upsample.weight"]);
        Assert.Equal([8L, 8, 3, 3], shapes["_stages.1.upsample.weight"]);
    }

    [Fact]
    public void Create_SpatialGrid4_AddsAStage()
    {
        using var scope = NewDisposeScope();
        using var decoder = DecoderFactory.Create(new FeatureLayout(FeatureKind.Spatial, 32, 4), new ImageShape(1, 32, 32), new ScanSettings());
        Assert.Equal([1L, 2, 32, 32], decoder.call(randn(1, 32, 4, 4)).shape);
        Assert.Contains(decoder.named_parameters(), p => p.name == "_stages.2.upsample.conv.weight");
    }

    [Fact]
    public void Create_GridNotAPowerOfTwoBelowInput_ThrowsScanInputException()
    {
        var error = Assert.Throws<ScanInputException>(() =>
            DecoderFactory.Create(new FeatureLayout(FeatureKind.Spatial, 64, 7), new ImageShape(1, 32, 32), new ScanSettings()));
        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TooFewWidths_ThrowsNamingTheSetting()
    {
        var settings = new ScanSettings { TransformerDecoderWidths = [32] };
        var error = Assert.Throws<ScanInputException>(() => DecoderFactory.Create(Tokens, new ImageShape(1, 32, 32), settings));
        Assert.Contains(nameof(ScanSettings.TransformerDecoderWidths), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NonSquareInput_ThrowsScanInputException()
    {
        Assert.Throws<ScanInputException>(() => DecoderFactory.Create(Spatial, new ImageShape(1, 32, 64), new ScanSettings()));
    }

    [Fact]
    public void Forward_WrongFeatureShape_ThrowsNamingTheExpectedShape()
    {
        using var scope = NewDisposeScope();
        using var decoder = DecoderFactory.Create(Tokens, new ImageShape(1, 32, 32), new ScanSettings());
        var error = Assert.Throws<ArgumentException>(() => decoder.call(randn(1, 64, 48)));
        Assert.Contains("[B, 65, 48]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeatureKind.Spatial)]
    [InlineData(FeatureKind.Tokens)]
    public void Forward_GroupNorm_SampleOutputIndependentOfItsBatch(FeatureKind kind)
    {
        // The reason GroupNorm is the default: in training mode a sample's output must not depend on the other
        // samples of its batch, or data-parallel training would depend on how batches are split.
        var layout = kind == FeatureKind.Spatial ? Spatial : Tokens;
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var group = DecoderFactory.Create(layout, new ImageShape(1, 32, 32), new ScanSettings());
        using var batch = DecoderFactory.Create(layout, new ImageShape(1, 32, 32), new ScanSettings { Normalization = DecoderNormalization.BatchNorm });
        group.train();
        batch.train();
        var features = randn(Shape(layout, 4));
        var alone = features.narrow(0, 0, 1);
        Assert.True(group.call(features).narrow(0, 0, 1).allclose(group.call(alone), rtol: 1e-4, atol: 1e-5));
        Assert.True(batch.call(features).narrow(0, 0, 2).sub(batch.call(features.narrow(0, 0, 2))).abs().max().item<float>() > 1e-3f);
        Assert.NotEmpty(batch.modules().OfType<BatchNorm2d>());
    }
}

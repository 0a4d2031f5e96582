using Scan.Core.Data;
using Scan.Core.Decoders;
using Scan.Core.Losses;
using Scan.Core.Masks;
using Scan.Core.Models;
using Scan.Core.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Decoders;

public sealed class ScanForwardTests
{
    public ScanForwardTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Run_SplitsReconstructionAndConfidence()
    {
        // An identity "decoder" on [1, 2, 1, 2]: channel 0 (values 0.25, −1) is the reconstruction, channel 1
        // (raw 0, 2) the confidence: Ĉ = 0.5 and (sin(2π·2/11) + 1)/2 = 0.954816 (c = 1.5).
        using var scope = NewDisposeScope();
        using var identity = nn.Identity();
        var output = ScanForward.Run(identity, tensor(new float[] { 0.25f, -1, 0, 2 }).reshape(1, 2, 1, 2), 1, new ScanSettings());
        Assert.Equal([1L, 1, 1, 2], output.Reconstruction.shape);
        Assert.Equal([0.25f, -1], output.Reconstruction.reshape(-1).data<float>().ToArray());
        Assert.Equal([1L, 1, 2], output.RawConfidence.shape);
        Assert.Equal([0f, 2], output.RawConfidence.reshape(-1).data<float>().ToArray());
        Assert.Equal(0.5f, output.Confidence[0, 0, 0].item<float>(), 1e-6f);
        Assert.Equal(0.954816f, output.Confidence[0, 0, 1].item<float>(), 1e-5f);
    }

    [Fact]
    public void Run_DecoderWithWrongChannelCount_Throws()
    {
        using var scope = NewDisposeScope();
        using var identity = nn.Identity();
        Assert.Throws<ArgumentException>(() => ScanForward.Run(identity, zeros(1, 2, 4, 4), 3, new ScanSettings()));
    }

    [Theory]
    [InlineData(FeatureKind.Spatial)]
    [InlineData(FeatureKind.Tokens)]
    public void TrainingStep_Backward_GivesFiniteNonZeroGradientsToEveryParameter(FeatureKind kind)
    {
        using var scope = NewDisposeScope();
        var (layout, features) = Features(kind);
        using var decoder = DecoderFactory.Create(layout, new ImageShape(1, 32, 32), new ScanSettings());
        Step(decoder, features, optimizer: null);
        foreach (var (name, parameter) in decoder.named_parameters())
        {
            var grad = parameter.grad;
            Assert.True(grad is not null, name);
            Assert.True(grad!.isfinite().all().item<bool>(), name);
            Assert.True(grad.abs().sum().item<float>() > 0, name);
        }
    }

    [Theory]
    [InlineData(FeatureKind.Spatial)]
    [InlineData(FeatureKind.Tokens)]
    public void TrainingStep_Repeated_LeavesNoLiveTensors(FeatureKind kind)
    {
        var (layout, features) = Features(kind);
        using var decoder = DecoderFactory.Create(layout, new ImageShape(1, 32, 32), new ScanSettings());
        using var optimizer = optim.Adam(decoder.parameters());
        Step(decoder, features, optimizer);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 20; i++)
        {
            Step(decoder, features, optimizer);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        features.Dispose();
    }

    private static (FeatureLayout Layout, Tensor Features) Features(FeatureKind kind)
    {
        manual_seed(3);
        return kind == FeatureKind.Spatial
            ? (new FeatureLayout(FeatureKind.Spatial, 16, 8), randn(2, 16, 8, 8))
            : (new FeatureLayout(FeatureKind.Tokens, 16, 8), randn(2, 65, 16));
    }

    /// <summary>What one training step of SCAN does to the decoder: mask, decode, blur target, loss, backward, Adam.</summary>
    private static void Step(nn.Module<Tensor, Tensor> decoder, Tensor features, optim.Optimizer? optimizer)
    {
        using var scope = NewDisposeScope();
        var settings = new ScanSettings();
        var gradients = features.mul(0.5).add(0.1);
        var masked = GradientMask.Apply(features, gradients, MaskPercentiles.Training([0, 1], 0, 7, settings), settings);
        var images = rand(2, 1, 32, 32);
        var target = ReconstructionTarget.Compute(images, 8, settings);
        var output = ScanForward.Run(decoder, masked, 1, settings);
        var loss = ScanLoss.FromConfidence(output.Reconstruction, output.Confidence, target, settings, target.mean([0]));
        loss.Loss.backward();
        optimizer?.step();
        optimizer?.zero_grad();
    }
}

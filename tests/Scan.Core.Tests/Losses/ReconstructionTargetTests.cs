using Scan.Core.Losses;
using Scan.Core.Native;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Losses;

public sealed class ReconstructionTargetTests
{
    public ReconstructionTargetTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Compute_BlurOn_BlursWithTheGridsKernel()
    {
        // S = 8, s_f = 4 → k = 5, σ = 1. An impulse at (4, 4): the centre becomes 0.4026199² = 0.1621028.
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 8, 8);
        image[0, 0, 4, 4] = tensor(1f);
        var target = ReconstructionTarget.Compute(image, 4, new ScanSettings());
        Assert.Equal(0.1621028f, target[0, 0, 4, 4].item<float>(), 1e-6f);
    }

    [Fact]
    public void Compute_BlurOff_ReturnsTheImage()
    {
        using var scope = NewDisposeScope();
        var image = rand(1, 1, 8, 8);
        var target = ReconstructionTarget.Compute(image, 4, new ScanSettings { UseBlurTarget = false });
        Assert.True(target.equal(image).all().item<bool>());
    }
}

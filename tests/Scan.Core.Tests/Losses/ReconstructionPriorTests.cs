using Scan.Core.Data;
using Scan.Core.Losses;
using Scan.Core.Native;
using Scan.Core.Tests.Data;
using Scan.Core.Tests.TestModels;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Losses;

public sealed class ReconstructionPriorTests
{
    public ReconstructionPriorTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Fact]
    public void Compute_FirstSamples_IsTheirMeanImage()
    {
        // Pixel p of sample i is i + p/100; the mean over samples 0, 1, 2 is 1 + p/100 (identity normalisation, no blur).
        using var scope = NewDisposeScope();
        var data = new CountingDataset(5);
        using var target = FunctionClassifier.Target(data.Shape, 2, x => x, f => f.flatten(1)[.., ..2]);
        var prior = ReconstructionPrior.Compute(data, 3, target, 2, new ScanSettings { UseBlurTarget = false });
        Assert.Equal([2L, 2, 3], prior.shape);
        var expected = Enumerable.Range(0, 12).Select(p => 1 + (p / 100f)).ToArray();
        Assert.Equal(expected, prior.flatten().data<float>().ToArray(), new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Compute_ConstantMean_BlurKeepsItConstant()
    {
        // Every sample is 0.25 everywhere, so the mean is too; with reflect padding the blur of a constant is the constant.
        using var scope = NewDisposeScope();
        var data = new ConstantDataset(0.25f);
        using var target = FunctionClassifier.Target(data.Shape, 2, x => x, f => f.flatten(1)[.., ..2]);
        var prior = ReconstructionPrior.Compute(data, data.Count, target, 8, new ScanSettings());
        Assert.True(prior.allclose(full(1, 32, 32, 0.25f), rtol: 0, atol: 1e-6));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Compute_CountOutsideTheData_Throws(int count)
    {
        var data = new CountingDataset(5);
        using var target = FunctionClassifier.Target(data.Shape, 2, x => x, f => f.flatten(1)[.., ..2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconstructionPrior.Compute(data, count, target, 2, new ScanSettings()));
    }

    private sealed class ConstantDataset(float value) : IImageDataset
    {
        public string Name => "constant";

        public int Count => 3;

        public ImageShape Shape { get; } = new(1, 32, 32);

        public IReadOnlyList<string> ClassNames { get; } = [];

        public int Read(int index, Span<float> destination)
        {
            destination.Fill(value);
            return 0;
        }
    }
}

using Scan.Core.Native;
using Scan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

public sealed class SmoothedCrossEntropyTests
{
    public SmoothedCrossEntropyTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    [Theory]
    // Logits [0, ln 3] give p = [¼, ¾]; the label is 1. −log p = [1.3862944, 0.2876821].
    [InlineData(0.0, 0.2876821)] // plain cross-entropy: −log ¾
    [InlineData(0.2, 0.3975433)] // 0.8 · 0.2876821 + 0.2 · (1.3862944 + 0.2876821) / 2 = 0.2301457 + 0.1673976
    public void Loss_TwoClasses_MatchesHandComputedValue(double smoothing, double expected)
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new[] { 0f, (float)Math.Log(3) }).reshape(1, 2);
        var labels = tensor(new long[] { 1 });

        var loss = SmoothedCrossEntropy.Loss(logits, labels, smoothing);

        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void Loss_Batch_IsTheMeanOverSamples()
    {
        using var scope = NewDisposeScope();
        // Sample 1 as above (0.2876821); sample 2 has equal logits over 2 classes: −log ½ = 0.6931472 whatever ε.
        var logits = tensor(new[] { 0f, (float)Math.Log(3), 5, 5 }).reshape(2, 2);
        var labels = tensor(new long[] { 1, 0 });

        var loss = SmoothedCrossEntropy.Loss(logits, labels, 0);

        Assert.Equal((0.2876821 + 0.6931472) / 2, loss.item<float>(), 5);
    }
}

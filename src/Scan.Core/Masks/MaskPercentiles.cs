using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Masks;

/// <summary>The gradient-mask percentile P of each sample of a batch, as a float64 tensor [B].</summary>
public static class MaskPercentiles
{
    /// <summary>
    /// Training: P ~ Uniform[min, max] per sample, a function of (seed, epoch, sample index) only, so that a sample
    /// gets the same P whatever batch or worker it lands in.
    /// </summary>
    public static Tensor Training(ReadOnlySpan<int> sampleIndices, int epoch, long seed, double min, double max, Device? device = null)
    {
        var values = new double[sampleIndices.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var u = CounterRandom.UnitInterval(seed, CounterRandom.PercentileStream, epoch, sampleIndices[i]);
            values[i] = min + (u * (max - min));
        }
        return tensor(values, device: device);
    }

    /// <summary>Training percentiles with the range of <paramref name="settings"/>.</summary>
    public static Tensor Training(ReadOnlySpan<int> sampleIndices, int epoch, long seed, ScanSettings settings, Device? device = null) =>
        Training(sampleIndices, epoch, seed, settings.TrainPercentileMin, settings.TrainPercentileMax, device);

    /// <summary>The same P for every sample (inference).</summary>
    public static Tensor Constant(long batchSize, double percentile, Device? device = null) =>
        full(batchSize, percentile, dtype: ScalarType.Float64, device: device);
}

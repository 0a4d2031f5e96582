using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// One data-parallel replica's part of a step. <see cref="Compute"/> fills <see cref="Gradient"/> with the gradient of
/// some of the global batch's samples: the float32 gradient of each micro-batch in turn, added in float64. A float64
/// sum of float32 values is exact unless their magnitudes lie more than 2²⁹ apart, so the parts of any number of
/// replicas add up to the same gradient however the micro-batches were shared out. <see cref="Apply"/> then takes
/// the optimizer step on the replicas' sum, rounded once to float32.
/// </summary>
public sealed class MicroBatchGradient
{
    private readonly DecoderTrainer _trainer;
    private readonly TargetModel _target;
    private readonly IImageDataset _data;
    private readonly float[] _floatGradient;

    public MicroBatchGradient(DecoderTrainer trainer, TargetModel target, IImageDataset data)
    {
        (_trainer, _target, _data) = (trainer, target, data);
        _floatGradient = new float[trainer.GradientLength];
        Gradient = new double[trainer.GradientLength];
    }

    /// <summary>This replica's part of the batch gradient after <see cref="Compute"/>, in float64.</summary>
    public double[] Gradient { get; }

    /// <summary>
    /// The gradient of samples <paramref name="indices"/> (zero for none), in micro-batches of
    /// <paramref name="microBatch"/>, with the loss divided by <paramref name="globalBatch"/>; returns their summed
    /// loss (already divided) and summed confidence-map area.
    /// </summary>
    public (double Loss, double AreaSum) Compute(ReadOnlySpan<int> indices, int epoch, int globalBatch, int microBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(microBatch, 1);
        Array.Clear(Gradient);
        var (loss, areaSum) = (0.0, 0.0);
        for (var offset = 0; offset < indices.Length; offset += microBatch)
        {
            var part = indices.Slice(offset, Math.Min(microBatch, indices.Length - offset));
            using var scope = NewDisposeScope();
            var (images, labels) = DataBatch.Load(_data, part, _target.Device);
            var statistics = _trainer.ComputeGradients(images, labels, part, epoch, globalBatch);
            _trainer.ReadGradients(_floatGradient);
            _trainer.ZeroGradients();
            for (var i = 0; i < Gradient.Length; i++)
            {
                Gradient[i] += _floatGradient[i];
            }
            loss += statistics.Loss;
            areaSum += statistics.MeanArea * statistics.Samples;
        }
        return (loss, areaSum);
    }

    /// <summary>Replaces the decoder's gradients with the replicas' <paramref name="summed"/> gradient and takes the optimizer step.</summary>
    public void Apply(ReadOnlySpan<double> summed, double learningRate)
    {
        for (var i = 0; i < _floatGradient.Length; i++)
        {
            _floatGradient[i] = (float)summed[i];
        }
        _trainer.WriteGradients(_floatGradient);
        _trainer.ApplyStep(learningRate);
    }
}

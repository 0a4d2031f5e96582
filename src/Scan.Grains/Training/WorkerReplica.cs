using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;
using static TorchSharp.torch;

namespace Scan.Grains.Training;

/// <summary>
/// A training worker's tensors: the target, its data set and a decoder trainer, with synchronous methods that a worker
/// grain runs on its device thread. Every replica of a job starts from the same weights (the seed, or the checkpoint).
/// </summary>
public sealed class WorkerReplica : IDisposable
{
    private readonly TargetModel _target;
    private readonly IImageDataset _data;
    private readonly DecoderTrainer _trainer;
    private readonly string _output;

    // One micro-batch's gradient, and later the rounded sum the optimizer step reads.
    private readonly float[] _floatGradient;

    private WorkerReplica(TargetModel target, IImageDataset data, DecoderTrainer trainer, string output)
    {
        (_target, _data, _trainer, _output) = (target, data, trainer, output);
        _floatGradient = new float[trainer.GradientLength];
        Gradient = new double[trainer.GradientLength];
    }

    /// <summary>This worker's part of the batch gradient after <see cref="ComputeGradients"/>, in float64.</summary>
    public double[] Gradient { get; }

    public DecoderTrainingOptions Options => _trainer.Description.Training;

    public int SampleCount => DecoderTraining.SampleCount(Options, _data.Count);

    public static WorkerReplica Load(TrainJobRequest request, Action<string>? warn)
    {
        var target = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        try
        {
            var data = target.OpenData(request.Data, DataSplit.Train, request.SkipBadFiles, warn);
            var checkpoint = Path.Combine(request.Output, DecoderDescription.CheckpointFileName);
            var trainer = request.Resume
                ? DecoderTrainer.Resume(target, checkpoint).Trainer
                : DecoderTrainer.Create(target, target.ResolveLayer(request.Layer), request.Settings.Validate(), request.Options.Validate());
            trainer.Prepare(data);
            if (!request.Resume)
            {
                DecoderTrainer.ForgetBest(request.Output);
            }
            return new WorkerReplica(target, data, trainer, request.Output);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Fills <see cref="Gradient"/> with this worker's part of the batch gradient (zero for an empty part): the float32
    /// gradient of each micro-batch in turn, added in float64. A float64 sum of float32 values is exact unless their
    /// magnitudes lie more than 2²⁹ apart, so the workers' parts add up to the same float32 gradient however the
    /// micro-batches were shared out.
    /// </summary>
    public WorkerStepResult ComputeGradients(WorkerStep step)
    {
        Array.Clear(Gradient);
        var (loss, areaSum) = (0.0, 0.0);
        var microBatch = Options.MicroBatch;
        for (var offset = 0; offset < step.Indices.Length; offset += microBatch)
        {
            var indices = step.Indices.AsSpan(offset, Math.Min(microBatch, step.Indices.Length - offset));
            using var scope = NewDisposeScope();
            var (images, labels) = DataBatch.Load(_data, indices, _target.Device);
            var statistics = _trainer.ComputeGradients(images, labels, indices, step.Epoch, step.GlobalBatch);
            _trainer.ReadGradients(_floatGradient);
            _trainer.ZeroGradients();
            for (var i = 0; i < Gradient.Length; i++)
            {
                Gradient[i] += _floatGradient[i];
            }
            loss += statistics.Loss;
            areaSum += statistics.MeanArea * statistics.Samples;
        }
        return new WorkerStepResult(loss, areaSum, step.Indices.Length, 0);
    }

    /// <summary>Replaces the gradients with the workers' sum (rounded once to float32) and takes the optimizer step.</summary>
    public void Apply(ReadOnlyMemory<double> summed, double learningRate)
    {
        var source = summed.Span;
        for (var i = 0; i < _floatGradient.Length; i++)
        {
            _floatGradient[i] = (float)source[i];
        }
        _trainer.WriteGradients(_floatGradient);
        _trainer.ApplyStep(learningRate);
    }

    public void SaveCheckpoint(TrainingPosition position) =>
        _trainer.SaveCheckpoint(Path.Combine(_output, DecoderDescription.CheckpointFileName), position);

    public void SaveDecoder(IReadOnlyList<EpochSummary> history) => _trainer.SaveDecoder(_output, history);

    public ValidationScore? Validate() => DecoderValidation.Score(_trainer, _target, _data);

    public void SaveBest() => _trainer.SaveBest(_output);

    public void Dispose()
    {
        _trainer.Dispose();
        _target.Dispose();
    }
}

using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Models;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Training;

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

    private readonly MicroBatchGradient _share;

    private WorkerReplica(TargetModel target, IImageDataset data, DecoderTrainer trainer, string output)
    {
        (_target, _data, _trainer, _output) = (target, data, trainer, output);
        _share = new MicroBatchGradient(trainer, target, data);
    }

    /// <summary>This worker's part of the batch gradient after <see cref="ComputeGradients"/>, in float64.</summary>
    public double[] Gradient => _share.Gradient;

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

    /// <summary>Fills <see cref="Gradient"/> with this worker's part of the batch gradient (see <see cref="MicroBatchGradient"/>).</summary>
    public WorkerStepResult ComputeGradients(WorkerStep step)
    {
        var (loss, areaSum) = _share.Compute(step.Indices, step.Epoch, step.GlobalBatch, Options.MicroBatch);
        return new WorkerStepResult(loss, areaSum, step.Indices.Length, 0);
    }

    /// <summary>Replaces the gradients with the workers' sum (rounded once to float32) and takes the optimizer step.</summary>
    public void Apply(ReadOnlyMemory<double> summed, double learningRate) => _share.Apply(summed.Span, learningRate);

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

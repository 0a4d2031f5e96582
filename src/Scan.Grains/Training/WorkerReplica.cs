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

    private WorkerReplica(TargetModel target, IImageDataset data, DecoderTrainer trainer, string output, TrainingPosition start)
    {
        (_target, _data, _trainer, _output, Start) = (target, data, trainer, output, start);
        Gradient = new float[trainer.GradientLength];
    }

    public TrainingPosition Start { get; }

    /// <summary>This worker's flat gradient after <see cref="ComputeGradients"/>.</summary>
    public float[] Gradient { get; }

    public DecoderTrainingOptions Options => _trainer.Description.Training;

    public int SampleCount => DecoderTraining.SampleCount(Options, _data.Count);

    public static WorkerReplica Load(TrainJobRequest request, Action<string>? warn)
    {
        var target = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        try
        {
            var data = DataSource.Open(request.Data, DataSplit.Train, target.InputShape, request.SkipBadFiles, warn);
            var checkpoint = Path.Combine(request.Output, DecoderDescription.CheckpointFileName);
            var (trainer, start) = request.Resume
                ? DecoderTrainer.Resume(target, checkpoint)
                : (DecoderTrainer.Create(target, target.ResolveLayer(request.Layer),
                    TrainingJson.Read<ScanSettings>(request.SettingsJson, "settings").Validate(),
                    TrainingJson.Read<DecoderTrainingOptions>(request.OptionsJson, "training options").Validate()),
                   new TrainingPosition(0, 0, 0, []));
            trainer.Prepare(data);
            return new WorkerReplica(target, data, trainer, request.Output, start);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Fills <see cref="Gradient"/> with this worker's part of the batch gradient (zero for an empty part).</summary>
    public WorkerStepResult ComputeGradients(WorkerStep step)
    {
        if (step.Indices.Length == 0)
        {
            Array.Clear(Gradient);
            return new WorkerStepResult(0, 0, 0, 0, 0, 0);
        }
        using var scope = NewDisposeScope();
        var (images, labels) = DataBatch.Load(_data, step.Indices, _target.Device);
        var statistics = _trainer.ComputeGradients(images, labels, step.Indices, step.Epoch, step.GlobalBatch);
        _trainer.ReadGradients(Gradient);
        return new WorkerStepResult(statistics.Loss, statistics.MeanArea * statistics.Samples, statistics.Samples, 0, 0, 0);
    }

    /// <summary>Replaces the gradients with the workers' sum and takes the optimizer step.</summary>
    public void Apply(ReadOnlyMemory<float> summed, double learningRate)
    {
        _trainer.WriteGradients(summed.Span);
        _trainer.ApplyStep(learningRate);
    }

    public void SaveCheckpoint(TrainingPosition position) =>
        _trainer.SaveCheckpoint(Path.Combine(_output, DecoderDescription.CheckpointFileName), position);

    public void SaveDecoder(IReadOnlyList<EpochSummary> history) => _trainer.SaveDecoder(_output, history);

    /// <summary>The decoder's parameters, flattened (for comparing replicas).</summary>
    public float[] Parameters() =>
        _trainer.Decoder.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    public void Dispose()
    {
        _trainer.Dispose();
        _target.Dispose();
    }
}

using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>A training job's only replica, in this process: each step's whole batch goes through one trainer.</summary>
public sealed class LocalTrainingReplica : ITrainingReplicas
{
    private readonly DecoderTrainer _trainer;
    private readonly TargetModel _target;
    private readonly IImageDataset _data;
    private readonly string _outputDirectory;

    public LocalTrainingReplica(DecoderTrainer trainer, TargetModel target, IImageDataset data, string outputDirectory)
    {
        _trainer = trainer;
        _target = target;
        _data = data;
        _outputDirectory = outputDirectory;
        trainer.Prepare(data);
    }

    public Task<ValidationScore?> ValidateAsync(CancellationToken cancellation) => Task.FromResult(DecoderValidation.Score(_trainer, _target, _data));

    public Task SaveBestAsync(CancellationToken cancellation)
    {
        _trainer.SaveBest(_outputDirectory);
        return Task.CompletedTask;
    }

    public Task<StepStatistics> StepAsync(TrainingStep step, CancellationToken cancellation)
    {
        StepStatistics statistics;
        using (var scope = NewDisposeScope())
        {
            var (images, labels) = DataBatch.Load(_data, step.Indices, _target.Device);
            statistics = _trainer.ComputeGradients(images, labels, step.Indices, step.Epoch);
        }
        _trainer.ApplyStep(step.LearningRate);
        return Task.FromResult(statistics);
    }

    public Task SaveCheckpointAsync(TrainingPosition position, CancellationToken cancellation)
    {
        _trainer.SaveCheckpoint(Path.Combine(_outputDirectory, DecoderDescription.CheckpointFileName), position);
        return Task.CompletedTask;
    }

    public Task SaveDecoderAsync(IReadOnlyList<EpochSummary> history, CancellationToken cancellation)
    {
        _trainer.SaveDecoder(_outputDirectory, history);
        return Task.CompletedTask;
    }
}

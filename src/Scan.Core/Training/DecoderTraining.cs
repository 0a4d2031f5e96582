using System.Diagnostics;
using Scan.Core.Data;
using Scan.Core.Models;

namespace Scan.Core.Training;

/// <summary>Progress of a decoder-training run, reported after every step.</summary>
public sealed record DecoderTrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double MeanArea, double SamplesPerSecond);

/// <summary>
/// The epoch loop of decoder training on one worker: a fixed per-epoch sample order from the seed, a cosine learning
/// rate per global step, a checkpoint every K steps and at each epoch's end, and the decoder written at the end.
/// A run resumed from its checkpoint continues at the same step, so it ends with the same weights.
/// </summary>
public static class DecoderTraining
{
    public static IReadOnlyList<EpochSummary> Run(
        DecoderTrainer trainer, TargetModel target, IImageDataset data, string outputDirectory, TrainingPosition start,
        Action<DecoderTrainingProgress>? progress, CancellationToken cancellation)
    {
        var options = trainer.Description.Training;
        var count = Math.Min(options.Limit ?? data.Count, data.Count);
        var stepsPerEpoch = (count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = (long)stepsPerEpoch * options.Epochs;
        var checkpoint = Path.Combine(outputDirectory, DecoderDescription.CheckpointFileName);
        var history = start.History.ToList();
        trainer.Prepare(data);
        var globalStep = start.GlobalStep;
        for (var epoch = start.Epoch; epoch < options.Epochs; epoch++)
        {
            var order = DatasetShards.EpochOrder(count, (int)options.Seed, epoch);
            var clock = Stopwatch.StartNew();
            var (lossSum, areaSum, samples) = (0.0, 0.0, 0);
            for (var step = epoch == start.Epoch ? start.StepInEpoch : 0; step < stepsPerEpoch; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var indices = order.AsSpan(step * options.BatchSize, Math.Min(options.BatchSize, count - (step * options.BatchSize)));
                StepStatistics statistics;
                using (var scope = TorchSharp.torch.NewDisposeScope())
                {
                    var (images, labels) = DataBatch.Load(data, indices, target.Device);
                    statistics = trainer.ComputeGradients(images, labels, indices, epoch);
                }
                trainer.ApplyStep(options.LearningRateAt(globalStep, totalSteps));
                globalStep++;
                lossSum += statistics.Loss * statistics.Samples;
                areaSum += statistics.MeanArea * statistics.Samples;
                samples += statistics.Samples;
                progress?.Invoke(new DecoderTrainingProgress(epoch + 1, options.Epochs, step + 1, stepsPerEpoch, statistics.Loss, statistics.MeanArea, samples / clock.Elapsed.TotalSeconds));
                if (options.CheckpointEverySteps > 0 && globalStep % options.CheckpointEverySteps == 0 && step + 1 < stepsPerEpoch)
                {
                    trainer.SaveCheckpoint(checkpoint, new TrainingPosition(epoch, step + 1, globalStep, history));
                }
            }
            history.Add(new EpochSummary(epoch + 1, lossSum / Math.Max(samples, 1), areaSum / Math.Max(samples, 1), samples / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds));
            trainer.SaveCheckpoint(checkpoint, new TrainingPosition(epoch + 1, 0, globalStep, history));
        }
        trainer.SaveDecoder(outputDirectory, history);
        return history;
    }
}

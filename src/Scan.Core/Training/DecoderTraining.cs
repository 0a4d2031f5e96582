using System.Diagnostics;
using Scan.Core.Data;
using Scan.Core.Models;

namespace Scan.Core.Training;

/// <summary>Progress of a decoder-training run, reported after every step.</summary>
public sealed record DecoderTrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double MeanArea, double SamplesPerSecond);

/// <summary>
/// The epoch loop of decoder training: a fixed per-epoch sample order from the seed, a cosine learning rate per global
/// step, a checkpoint every K steps and at each epoch's end, and the decoder written at the end. The same loop drives
/// one in-process trainer or a cluster's worker grains; a run resumed from its checkpoint continues at the same step,
/// so it ends with the same weights.
/// </summary>
public static class DecoderTraining
{
    /// <summary>Trains <paramref name="trainer"/> in this process, synchronously.</summary>
    public static IReadOnlyList<EpochSummary> Run(
        DecoderTrainer trainer, TargetModel target, IImageDataset data, string outputDirectory, TrainingPosition start,
        Action<DecoderTrainingProgress>? progress, CancellationToken cancellation)
    {
        if (start.GlobalStep == 0)
        {
            DecoderTrainer.ForgetBest(outputDirectory);
        }
        var replica = new LocalTrainingReplica(trainer, target, data, outputDirectory);
        var samples = SampleCount(trainer.Description.Training, data.Count);
        return RunAsync(replica, trainer.Description.Training, samples, start, progress, cancellation).GetAwaiter().GetResult();
    }

    /// <summary>The number of training samples a job with <paramref name="options"/> uses from a data set of <paramref name="available"/>.</summary>
    public static int SampleCount(DecoderTrainingOptions options, int available) => options.TrainingSamples(available);

    public static async Task<IReadOnlyList<EpochSummary>> RunAsync(
        ITrainingReplicas replicas, DecoderTrainingOptions options, int sampleCount, TrainingPosition start,
        Action<DecoderTrainingProgress>? progress, CancellationToken cancellation)
    {
        var stepsPerEpoch = (sampleCount + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = (long)stepsPerEpoch * options.Epochs;
        var history = start.History.ToList();
        var globalStep = start.GlobalStep;
        for (var epoch = start.Epoch; epoch < options.Epochs; epoch++)
        {
            var order = DatasetShards.EpochOrder(sampleCount, (int)options.Seed, epoch);
            var clock = Stopwatch.StartNew();
            var (lossSum, areaSum, samples) = (0.0, 0.0, 0);
            for (var step = epoch == start.Epoch ? start.StepInEpoch : 0; step < stepsPerEpoch; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var indices = order.AsSpan(step * options.BatchSize, Math.Min(options.BatchSize, sampleCount - (step * options.BatchSize))).ToArray();
                var statistics = await replicas.StepAsync(
                    new TrainingStep(epoch, step, globalStep, indices, options.LearningRateAt(globalStep, totalSteps)), cancellation).ConfigureAwait(true);
                globalStep++;
                lossSum += statistics.Loss * statistics.Samples;
                areaSum += statistics.MeanArea * statistics.Samples;
                samples += statistics.Samples;
                progress?.Invoke(new DecoderTrainingProgress(epoch + 1, options.Epochs, step + 1, stepsPerEpoch, statistics.Loss, statistics.MeanArea, samples / clock.Elapsed.TotalSeconds));
                if (options.CheckpointEverySteps > 0 && globalStep % options.CheckpointEverySteps == 0 && step + 1 < stepsPerEpoch)
                {
                    await replicas.SaveCheckpointAsync(new TrainingPosition(epoch, step + 1, globalStep, history.ToArray()), cancellation).ConfigureAwait(true);
                }
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var validation = await replicas.ValidateAsync(cancellation).ConfigureAwait(true);
            if (validation is not null && history.All(h => h.ValidationAucD is not { } earlier || validation.ScanAucD > earlier))
            {
                await replicas.SaveBestAsync(cancellation).ConfigureAwait(true);
            }
            history.Add(new EpochSummary(epoch + 1, lossSum / Math.Max(samples, 1), areaSum / Math.Max(samples, 1), samples / seconds, seconds,
                validation?.ScanAucD, validation?.RandomAucD));
            await replicas.SaveCheckpointAsync(new TrainingPosition(epoch + 1, 0, globalStep, history.ToArray()), cancellation).ConfigureAwait(true);
        }
        await replicas.SaveDecoderAsync(history, cancellation).ConfigureAwait(true);
        return history;
    }
}

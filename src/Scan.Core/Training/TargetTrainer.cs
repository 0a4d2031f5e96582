using System.Diagnostics;
using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// Trains a target classifier from scratch on a labelled data set and measures its test accuracy. Deterministic for
/// a seed: the seed fixes the initial weights (torch's generator) and the batch order and augmentation (a seeded PRNG).
/// </summary>
public static class TargetTrainer
{
    public static TargetTrainingResult Train(
        IImageDataset train, IImageDataset test, TargetTrainingOptions options, Action<TargetTrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        options.Validate();
        if (train.Shape != test.Shape || !train.ClassNames.SequenceEqual(test.ClassNames))
        {
            throw new ScanInputException($"The test set {test.Name} ({test.Shape}, {test.ClassNames.Count} classes) does not match the training set {train.Name} ({train.Shape}, {train.ClassNames.Count} classes).");
        }
        var clock = Stopwatch.StartNew();
        var description = TargetArchitectures.Describe(options.Architecture, train.Shape, options.Normalization, train.ClassNames,
            train.Name, options.Preprocessing, options.Hyperparameters);
        manual_seed(options.Seed);
        var random = new Random(options.Seed);
        var module = TargetArchitectures.Create(description);
        module.to(options.Device);
        using var normalizer = new ImageNormalizer(options.Normalization, train.Shape.Channels, options.Device);
        using var optimizer = CreateOptimizer(module, options);

        var batchesPerEpoch = train.Count / options.BatchSize + (train.Count % options.BatchSize > 1 ? 1 : 0);
        var schedule = new WarmupCosineSchedule(options.LearningRate, (int)Math.Round(options.WarmupEpochs * batchesPerEpoch), options.Epochs * batchesPerEpoch);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var trainingTime = TimeSpan.Zero;
        var (step, trainedImages) = (0, 0L);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            module.train();
            random.Shuffle(order);
            var report = new ProgressWindow();
            for (var batch = 1; batch <= batchesPerEpoch; batch++, step++)
            {
                cancellation.ThrowIfCancellationRequested();
                var start = (batch - 1) * options.BatchSize;
                var indices = order.AsSpan(start, Math.Min(options.BatchSize, train.Count - start));
                var learningRate = schedule.At(step);
                report.Add(TrainBatch(module, optimizer, normalizer, train, indices, learningRate, random, options), indices.Length);
                trainedImages += indices.Length;
                if (batch % options.ProgressEveryBatches == 0 || batch == batchesPerEpoch)
                {
                    var (elapsed, speed) = (report.Elapsed, report.ImagesPerSecond);
                    trainingTime += elapsed;
                    double? accuracy = options.EvaluateEachEpoch && batch == batchesPerEpoch && epoch < options.Epochs
                        ? ClassifierAccuracy.Measure(module, normalizer, test, options.BatchSize, options.Device).Accuracy
                        : null;
                    progress?.Invoke(new TargetTrainingProgress(epoch, options.Epochs, batch, batchesPerEpoch, report.MeanLoss, speed, learningRate, accuracy));
                    report = new ProgressWindow();
                }
            }
        }
        module.eval();
        var (testAccuracy, inferenceSpeed) = ClassifierAccuracy.Measure(module, normalizer, test, options.BatchSize, options.Device);
        progress?.Invoke(new TargetTrainingProgress(options.Epochs, options.Epochs, batchesPerEpoch, batchesPerEpoch, double.NaN, inferenceSpeed, 0, testAccuracy));
        return new TargetTrainingResult(module, description with { TestAccuracy = testAccuracy }, clock.Elapsed,
            trainedImages / trainingTime.TotalSeconds, inferenceSpeed);
    }

    private static double TrainBatch(
        nn.Module<Tensor, Tensor> module, AdamOptimizer optimizer, ImageNormalizer normalizer, IImageDataset train,
        ReadOnlySpan<int> indices, double learningRate, Random random, TargetTrainingOptions options)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = DataBatch.Load(train, indices, options.Device);
        if (options.Augment)
        {
            images = BatchAugmentation.Apply(images, random);
        }
        optimizer.LearningRate = learningRate;
        optimizer.ZeroGradients();
        var loss = SmoothedCrossEntropy.Loss(module.call(normalizer.Apply(images)), labels, options.LabelSmoothing);
        loss.backward();
        optimizer.Step();
        return loss.item<float>();
    }

    /// <summary>AdamW that decays convolution and linear weights but not biases, norm gains, class token or positions.</summary>
    private static AdamOptimizer CreateOptimizer(nn.Module<Tensor, Tensor> module, TargetTrainingOptions options)
    {
        var parameters = module.named_parameters().ToList();
        static bool Decays((string Name, Parameter Value) parameter) =>
            parameter.Name.EndsWith(".weight", StringComparison.Ordinal) && parameter.Value.dim() >= 2;
        return new AdamOptimizer(
        [
            new AdamParameterGroup([.. parameters.Where(Decays).Select(p => p.parameter)], options.WeightDecay),
            new AdamParameterGroup([.. parameters.Where(p => !Decays(p)).Select(p => p.parameter)]),
        ], options.LearningRate);
    }

    /// <summary>Loss and speed over the batches since the last progress report.</summary>
    private sealed class ProgressWindow
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _lossSum;
        private int _batches;
        private long _images;

        public TimeSpan Elapsed => _clock.Elapsed;

        public double MeanLoss => _lossSum / Math.Max(1, _batches);

        public double ImagesPerSecond => _images / _clock.Elapsed.TotalSeconds;

        public void Add(double loss, int images)
        {
            _lossSum += loss;
            _batches++;
            _images += images;
        }
    }
}

using System.Diagnostics;
using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>How <see cref="HeadTrainer"/> fits a classifier head: epochs over the cached features, batch, AdamW's rate and decay, seed, images used.</summary>
public sealed record HeadTrainingOptions(int Epochs = 20, int BatchSize = 256, double LearningRate = 1e-3, double WeightDecay = 1e-4, int Seed = 0, int? Limit = null)
{
    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || LearningRate <= 0 || WeightDecay < 0 || Limit is < 1)
        {
            throw new ScanInputException($"Head training needs epochs, batch size and limit of at least 1 and a positive learning rate: {this}.");
        }
    }
}

/// <summary>What a head training run measured: test accuracy, and the images per second of the feature pass.</summary>
public sealed record HeadTrainingResult(double TestAccuracy, double FeatureImagesPerSecond, TimeSpan Elapsed);

/// <summary>
/// Fits the classifier head of a frozen target (a linear probe): the head's input is read once for every training and
/// test image (a forward pre-hook on the head module), the head is trained with AdamW and cross-entropy on those
/// cached features, and its test accuracy measured. Only the head's parameters change. Deterministic for a seed.
/// </summary>
public static class HeadTrainer
{
    public static HeadTrainingResult Train(TargetModel target, string headModule, IImageDataset train, IImageDataset test, HeadTrainingOptions options,
        Action<string>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        foreach (var data in new[] { train, test })
        {
            if (!data.ClassNames.SequenceEqual(target.Description.ClassNames))
            {
                throw new ScanInputException(
                    $"{data.Name} has the classes [{string.Join(", ", data.ClassNames)}], but the target's head is for [{string.Join(", ", target.Description.ClassNames)}]; import the model with --classes listing the data's classes in order.");
            }
        }
        var clock = Stopwatch.StartNew();
        var head = LayerCapture.Find(target.Module, headModule);
        var trainCount = Math.Min(options.Limit ?? train.Count, train.Count);
        var (trainFeatures, trainLabels, speed) = HeadInputs(target, head, train, trainCount, options.BatchSize, progress, cancellation);
        var (testFeatures, testLabels, _) = HeadInputs(target, head, test, test.Count, options.BatchSize, progress, cancellation);
        using (trainFeatures)
        using (trainLabels)
        using (testFeatures)
        using (testLabels)
        {
            Fit(head, trainFeatures, trainLabels, options, progress, cancellation);
            using var noGrad = no_grad();
            var accuracy = head.call(testFeatures).argmax(1).eq(testLabels).to(float64).mean().item<double>();
            return new HeadTrainingResult(accuracy, speed, clock.Elapsed);
        }
    }

    private static void Fit(nn.Module<Tensor, Tensor> head, Tensor features, Tensor labels, HeadTrainingOptions options, Action<string>? progress, CancellationToken cancellation)
    {
        var parameters = head.parameters().ToList();
        parameters.ForEach(parameter => parameter.requires_grad = true);
        using var optimizer = new AdamOptimizer(
        [
            new AdamParameterGroup([.. parameters.Where(p => p.dim() >= 2)], options.WeightDecay),
            new AdamParameterGroup([.. parameters.Where(p => p.dim() < 2)]),
        ], options.LearningRate);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, (int)features.shape[0]).ToArray();
        using var enableGrad = enable_grad();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var (lossSum, batches) = (0.0, 0);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = tensor(order[start..Math.Min(order.Length, start + options.BatchSize)], dtype: int64, device: features.device);
                optimizer.ZeroGradients();
                var loss = nn.functional.cross_entropy(head.call(features.index_select(0, batch)), labels.index_select(0, batch));
                loss.backward();
                optimizer.Step();
                (lossSum, batches) = (lossSum + loss.item<float>(), batches + 1);
            }
            progress?.Invoke($"head epoch {epoch}/{options.Epochs}  loss {lossSum / batches:F4}");
        }
        parameters.ForEach(parameter => parameter.requires_grad = false);
    }

    /// <summary>The head's input for the first <paramref name="count"/> images, [N, D], their labels, and the images per second.</summary>
    private static (Tensor Features, Tensor Labels, double ImagesPerSecond) HeadInputs(
        TargetModel target, nn.Module<Tensor, Tensor> head, IImageDataset data, int count, int batchSize, Action<string>? progress, CancellationToken cancellation)
    {
        var batches = new List<Tensor>();
        var labels = new List<Tensor>();
        Tensor? input = null;
        var hook = head.register_forward_pre_hook((_, value) =>
        {
            input = value.detach().clone().DetachFromDisposeScope();
            return null!;
        });
        var clock = Stopwatch.StartNew();
        try
        {
            var indices = Enumerable.Range(0, count).ToArray();
            for (var start = 0; start < count; start += batchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (images, batchLabels) = DataBatch.Load(data, indices.AsSpan(start, Math.Min(batchSize, count - start)), target.Device);
                target.Logits(images);
                batches.Add(input!);
                labels.Add(batchLabels.DetachFromDisposeScope());
                progress?.Invoke($"features of {data.Name}: {Math.Min(start + batchSize, count)}/{count} images, {Math.Min(start + batchSize, count) / clock.Elapsed.TotalSeconds:F1} images/s");
            }
            return (cat(batches, 0), cat(labels, 0), count / clock.Elapsed.TotalSeconds);
        }
        finally
        {
            hook.remove();
            batches.ForEach(batch => batch.Dispose());
            labels.ForEach(batch => batch.Dispose());
        }
    }
}

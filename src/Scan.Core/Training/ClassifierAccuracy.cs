using System.Diagnostics;
using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>The fraction of a data set that a classifier labels correctly, and how many images per second it classified.</summary>
public static class ClassifierAccuracy
{
    public static (double Accuracy, double ImagesPerSecond) Measure(
        nn.Module<Tensor, Tensor> module, ImageNormalizer normalizer, IImageDataset data, int batchSize, Device device)
    {
        var wasTraining = module.training;
        module.eval();
        var correct = 0L;
        var clock = Stopwatch.StartNew();
        var indices = Enumerable.Range(0, data.Count).ToArray();
        using (no_grad())
        {
            for (var start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var (images, labels) = DataBatch.Load(data, indices.AsSpan(start, Math.Min(batchSize, data.Count - start)), device);
                var predictions = module.call(normalizer.Apply(images)).argmax(1);
                correct += predictions.eq(labels).sum().item<long>();
            }
        }
        module.train(wasTraining);
        return ((double)correct / data.Count, data.Count / clock.Elapsed.TotalSeconds);
    }
}

using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Metrics;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Evaluation;

/// <summary>
/// Scores a contiguous range of a data set for several explanation methods: each image is explained for the
/// class the target predicts on it, and perturbation hits are counted against its ground-truth label.
/// Synchronous and self-contained, so that a shard can later run inside an evaluation grain.
/// </summary>
public static class EvaluationShard
{
    public static IReadOnlyDictionary<string, PerturbationCounts> Run(
        TargetModel target, IImageDataset data, IReadOnlyList<IExplainer> explainers, int featureGrid,
        int start, int count, int batchSize, Action<int>? imagesDone = null, CancellationToken cancellation = default)
    {
        var totals = explainers.ToDictionary(e => e.Name, _ => PerturbationCounts.Empty);
        for (var offset = start; offset < start + count; offset += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var size = Math.Min(batchSize, start + count - offset);
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(offset, size).ToArray();
            var (images, labels) = DataBatch.Load(data, indices, target.Device);
            var predicted = target.Logits(images).argmax(1);
            foreach (var explainer in explainers)
            {
                var maps = explainer.Explain(images, predicted);
                if (explainer.FinerThanFeatureGrid)
                {
                    maps = SaliencyOrder.ToFeatureGridResolution(maps, featureGrid);
                }
                totals[explainer.Name] = totals[explainer.Name].Add(PerturbationScorer.Score(target, images, labels, maps, predicted));
            }
            imagesDone?.Invoke(size);
        }
        return totals;
    }
}

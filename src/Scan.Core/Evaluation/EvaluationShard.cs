using System.Diagnostics;
using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Metrics;
using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Evaluation;

/// <summary>
/// Scores a contiguous range of a data set for several explanation methods: each image is explained for the
/// class the target predicts on it, perturbation hits are counted against its ground-truth label, and Drop% /
/// Increase% compare that class's softmax score on the clean image and on x ⊙ map. Every method runs on the same
/// images in a batch, so Win% is tallied per image right here and only counts leave the shard: totals of any split
/// of the data set add up exactly to those of one shard. Synchronous and self-contained, so that a shard can later
/// run inside an evaluation grain.
/// </summary>
public static class EvaluationShard
{
    /// <param name="randomMaps">Draws of a <see cref="RandomMap"/> scored per image (the ten-maps check); 1 scores its map alone.</param>
    public static EvaluationTotals Run(
        TargetModel target, IImageDataset data, IReadOnlyList<IExplainer> explainers, int featureGrid,
        int start, int count, int batchSize, int randomMaps = 1, Action<int>? imagesDone = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(randomMaps, 1);
        var names = explainers.Select(e => e.Name).ToArray();
        var totals = new EvaluationTotals(names, explainers.Select(e => MethodTotals.Empty(names.Length, DrawsOf(e, randomMaps))).ToArray());
        for (var offset = start; offset < start + count; offset += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var size = Math.Min(batchSize, start + count - offset);
            var indices = Enumerable.Range(offset, size).ToArray();
            totals = totals.Add(Batch(target, data, explainers, featureGrid, indices, randomMaps));
            imagesDone?.Invoke(size);
        }
        return totals;
    }

    private static EvaluationTotals Batch(
        TargetModel target, IImageDataset data, IReadOnlyList<IExplainer> explainers, int featureGrid, int[] indices, int randomMaps)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = DataBatch.Load(data, indices, target.Device);
        var objects = data is IObjectMasks { HasMasks: true } withMasks ? withMasks.LoadMasks(indices, target.Device) : null;
        var logits = target.Logits(images);
        var predicted = logits.argmax(1);
        var clean = ConfidenceScorer.ClassScores(logits, predicted);
        var drops = new long[explainers.Count][];
        var perMethod = new MethodTotals[explainers.Count];
        for (var m = 0; m < explainers.Count; m++)
        {
            var explainer = explainers[m];
            var clock = Stopwatch.StartNew();
            var maps = explainer.Explain(images, predicted, indices);
            WaitFor(maps);
            var explainTime = clock.Elapsed;
            maps = FairResolution(explainer, maps, featureGrid);
            var masked = ConfidenceScorer.MaskedScores(target, images, predicted, maps);
            drops[m] = ConfidenceChangeCounts.Drops(clean, masked);
            var perturbation = PerturbationScorer.Score(target, images, labels, maps, predicted);
            var draws = Enumerable.Range(0, DrawsOf(explainer, randomMaps)).Select(d => d == 0 ? perturbation
                : PerturbationScorer.Score(target, images, labels, ((RandomMap)explainer).Draw(images, indices, d), predicted)).ToArray();
            var localisation = objects is null ? null : LocalisationScorer.Score(maps, objects);
            perMethod[m] = new MethodTotals(perturbation, ConfidenceChangeCounts.From(clean, masked), DropRanking.Empty(0), explainTime, draws, localisation);
        }
        // Win tallies need every method's drops on these images, so they are filled in last.
        var rankings = DropRanking.Tally(drops);
        return new EvaluationTotals(explainers.Select(e => e.Name).ToArray(), perMethod.Select((t, m) => t with { Ranking = rankings[m] }).ToArray());
    }

    /// <summary>Random maps are drawn <paramref name="randomMaps"/> times when that is more than once; other methods have no draws.</summary>
    private static int DrawsOf(IExplainer explainer, int randomMaps) => explainer is RandomMap && randomMaps > 1 ? randomMaps : 0;

    private static Tensor FairResolution(IExplainer explainer, Tensor maps, int featureGrid) =>
        explainer.FinerThanFeatureGrid ? SaliencyOrder.ToFeatureGridResolution(maps, featureGrid) : maps;

    /// <summary>Waits for queued GPU work on <paramref name="maps"/>, so that the stopwatch sees the explanation's whole time.</summary>
    private static void WaitFor(Tensor maps)
    {
        if (maps.device_type == DeviceType.CUDA)
        {
            cuda.synchronize(maps.device);
        }
    }
}

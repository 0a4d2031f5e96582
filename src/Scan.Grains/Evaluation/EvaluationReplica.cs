using Scan.Core.Data;
using Scan.Core.Devices;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Models;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Core.Training;

namespace Scan.Grains.Evaluation;

/// <summary>An evaluation worker's loaded models: the target, the test set and one explainer per method.</summary>
public sealed class EvaluationReplica : IDisposable
{
    private readonly TargetModel _target;
    private readonly IImageDataset _test;
    private readonly IReadOnlyList<IExplainer> _explainers;
    private readonly int _featureGrid;
    private readonly EvaluateJobRequest _request;

    private EvaluationReplica(TargetModel target, IImageDataset test, IReadOnlyList<IExplainer> explainers, int featureGrid, EvaluateJobRequest request) =>
        (_target, _test, _explainers, _featureGrid, _request) = (target, test, explainers, featureGrid, request);

    /// <summary>The number of test images the job scores.</summary>
    public int Images => Math.Min(_request.Limit ?? _test.Count, _test.Count);

    public static EvaluationReplica Load(EvaluateJobRequest request, Action<string>? warn)
    {
        ScanExplainer.CheckPercentile(request.Percentile);
        var target = TargetStore.Load(request.Target, DeviceChoice.Parse(request.Device));
        var explainers = new List<IExplainer>();
        try
        {
            var test = target.OpenData(request.Data, DataSplit.Test, request.SkipBadFiles, warn);
            var layer = target.ResolveLayer(request.Layer);
            var context = new ExplainerContext(target, layer, request.Decoder, request.Percentile, request.Seed)
            {
                Perturbation = request.Perturbation.Validate(),
            };
            explainers.AddRange(request.Methods.Select(m => ExplainerRegistry.Create(m, context)));
            return new EvaluationReplica(target, test, explainers, target.LayoutOf(layer).Grid, request);
        }
        catch
        {
            Dispose(target, explainers);
            throw;
        }
    }

    /// <summary>Scores images [<paramref name="start"/>, start + <paramref name="count"/>).</summary>
    public EvaluationTotals Score(int start, int count, CancellationToken cancellation) =>
        EvaluationShard.Run(_target, _test, _explainers, _featureGrid, start, count, _request.BatchSize, _request.RandomMaps, null, cancellation);

    public void Dispose() => Dispose(_target, _explainers);

    private static void Dispose(TargetModel target, IEnumerable<IExplainer> explainers)
    {
        foreach (var explainer in explainers.OfType<IDisposable>())
        {
            explainer.Dispose();
        }
        target.Dispose();
    }
}

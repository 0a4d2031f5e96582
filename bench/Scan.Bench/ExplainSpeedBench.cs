using Scan.Core.Data;
using Scan.Core.Decoders;
using Scan.Core.Explainers;
using Scan.Core.Masks;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Bench;

/// <summary>
/// Explanation time per image of Grad-CAM and SCAN, and of SCAN's parts, measured in one process on the same
/// batches; prints each as a ratio to Grad-CAM (issue 3's target: SCAN at most 2×).
/// </summary>
internal static class ExplainSpeedBench
{
    public static void Run(string targetDirectory, string decoderDirectory, int rounds, int batchSize)
    {
        var data = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Test);
        using var target = TargetStore.Load(targetDirectory, CPU);
        var context = new ExplainerContext(target, target.ResolveLayer(null), decoderDirectory, null, 1);
        var gradCam = ExplainerRegistry.Create("gradcam", context);
        using var scan = ScanExplainer.Create(context);
        var (images, _) = DataBatch.Load(data, Enumerable.Range(0, batchSize).ToArray());
        var classes = target.Logits(images).argmax(1);
        var layer = scan.Description.Layer;
        var settings = scan.Description.Settings;
        var features = target.FeaturesAndGradients(images, classes, layer);
        var percentiles = MaskPercentiles.Constant(batchSize, settings.InferencePercentile, target.Device);
        var masked = GradientMask.Apply(features.Features, features.Gradients, percentiles, settings);
        var parts = new (string Name, Action Step)[]
        {
            ("gradcam", () => gradCam.Explain(images, classes)),
            ("scan", () => scan.Explain(images, classes)),
            ("  features and gradients", () => target.FeaturesAndGradients(images, classes, layer)),
            ("  gradient mask", () => GradientMask.Apply(features.Features, features.Gradients, percentiles, settings)),
            ("  decoder", () =>
            {
                using var noGrad = no_grad();
                ScanForward.Run(scan.Decoder, masked, target.InputShape.Channels, settings);
            }),
        };
        var medians = RoundRobinTiming.MedianMilliseconds([.. parts.Select(part => part.Step)], rounds).Select(ms => ms / batchSize).ToArray();
        for (var i = 0; i < parts.Length; i++)
        {
            Console.WriteLine($"{parts[i].Name,-26} {medians[i],8:F3} ms/image  {medians[i] / medians[0],5:F2}× gradcam");
        }
    }
}

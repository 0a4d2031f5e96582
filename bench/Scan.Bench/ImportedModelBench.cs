using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Models;
using Scan.Core.Training;
using static TorchSharp.torch;

namespace Scan.Bench;

/// <summary>
/// An imported target at its full size (issue 12: ResNet-50 at 224): images per second of the forward pass and of
/// features + class-score gradients at two layers, SCAN's time per image against Grad-CAM's (a decoder of the default
/// shape, one training step old: its speed does not depend on its weights), and the peak resident memory that one
/// decoder training step adds at the batch size. Inputs are real photographs (Debian's python3-skimage).
/// </summary>
internal static class ImportedModelBench
{
    private const string Photos = Scan.Core.Data.Natural.BackgroundPhotos.DebianDirectory;
    private static readonly string[] PhotoNames = ["astronaut.png", "chelsea.png", "coffee.png", "motorcycle_left.png", "rocket.jpg", "retina.jpg"];

    public static void Run(string targetDirectory, string[] layers, int rounds, int batchSize)
    {
        using var target = TargetStore.Load(targetDirectory, CPU);
        var photos = new PhotoDataset(target, batchSize);
        var (images, labels) = DataBatch.Load(photos, Enumerable.Range(0, batchSize).ToArray());
        var classes = target.Logits(images).argmax(1);
        var indices = Enumerable.Range(0, batchSize).ToArray();
        var decoderLayer = target.ResolveLayer(null);
        var decoder = Path.Combine(Path.GetTempPath(), $"scan-bench-decoder-{Guid.NewGuid():N}");
        long peakBytes;
        using (var trainer = DecoderTrainer.Create(target, decoderLayer, new ScanSettings(), new DecoderTrainingOptions { BatchSize = batchSize }))
        {
            trainer.Prepare(photos);
            var before = ResidentMemory.ResetPeak();
            using (NewDisposeScope())
            {
                trainer.ComputeGradients(images, labels, indices, 0);
                trainer.ApplyStep(1e-3);
            }
            peakBytes = ResidentMemory.Peak() - before;
            trainer.SaveDecoder(decoder, []);
        }
        try
        {
            var context = new ExplainerContext(target, decoderLayer, decoder, null, 1);
            var gradCam = ExplainerRegistry.Create("gradcam", context);
            using var scan = ScanExplainer.Create(context);
            var parts = new List<(string Name, Action Step)>
            {
                ("forward", () => target.Logits(images)),
            };
            parts.AddRange(layers.Select(layer => ($"features + gradients at {layer}", (Action)(() => target.FeaturesAndGradients(images, classes, layer)))));
            parts.Add(($"gradcam at {decoderLayer}", () => gradCam.Explain(images, classes)));
            parts.Add(($"scan at {decoderLayer}", () => scan.Explain(images, classes)));
            var medians = RoundRobinTiming.MedianMilliseconds([.. parts.Select(part => part.Step)], rounds);
            var gradCamMs = medians[parts.Count - 2];
            Console.WriteLine($"{target.Description.Architecture} at {target.InputShape.Height}×{target.InputShape.Width}, batch {batchSize}, median of {rounds} rounds, {TorchSharp.torch.get_num_threads()} libtorch thread(s)");
            for (var i = 0; i < parts.Count; i++)
            {
                Console.WriteLine($"{parts[i].Name,-36} {batchSize * 1000 / medians[i],8:F2} images/s  {medians[i] / batchSize,9:F1} ms/image  {medians[i] / gradCamMs,5:F2}× gradcam");
            }
            Console.WriteLine($"decoder training step at batch {batchSize}: peak resident memory +{peakBytes / 1048576.0:F0} MiB over the process before it");
        }
        finally
        {
            Directory.Delete(decoder, recursive: true);
        }
    }

    /// <summary>The photographs, read as the target reads images, repeated to the batch size; every label 0.</summary>
    private sealed class PhotoDataset(TargetModel target, int count) : IImageDataset
    {
        public string Name => Photos;

        public int Count => count;

        public ImageShape Shape => target.InputShape;

        public IReadOnlyList<string> ClassNames => target.Description.ClassNames;

        public int Read(int index, Span<float> destination)
        {
            target.ReadImage(Path.Combine(Photos, PhotoNames[index % PhotoNames.Length]), destination);
            return 0;
        }
    }
}

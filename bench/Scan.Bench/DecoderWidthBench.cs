using System.Diagnostics;
using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Training;
using static TorchSharp.torch;

namespace Scan.Bench;

/// <summary>Decoder-training throughput for several residual-decoder widths, measured in one process, as ratios to the first.</summary>
internal static class DecoderWidthBench
{
    public static void Run(string targetDirectory, int steps)
    {
        var data = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Train);
        using var target = TargetStore.Load(targetDirectory, CPU);
        var layer = target.ResolveLayer(null);
        int[][] candidates = [[192, 128, 96, 64], [128, 96, 64, 48], [96, 64, 48, 32], [64, 48, 32, 16]];
        double? baseline = null;
        foreach (var widths in candidates)
        {
            var settings = new ScanSettings { ResidualDecoderWidths = widths, TransformerDecoderWidths = widths[1..] };
            using var trainer = DecoderTrainer.Create(target, layer, settings, new DecoderTrainingOptions { BatchSize = 128 });
            trainer.Prepare(data);
            var indices = Enumerable.Range(0, 128).ToArray();
            double Measure(int count)
            {
                var clock = Stopwatch.StartNew();
                for (var step = 0; step < count; step++)
                {
                    using var scope = NewDisposeScope();
                    var (images, labels) = DataBatch.Load(data, indices);
                    trainer.ComputeGradients(images, labels, indices, 0);
                    trainer.ApplyStep(1e-3);
                }
                return count * 128 / clock.Elapsed.TotalSeconds;
            }
            Measure(2);
            var rate = Measure(steps);
            baseline ??= rate;
            var parameters = trainer.Decoder.parameters().Sum(p => p.numel());
            Console.WriteLine($"widths [{string.Join(", ", widths)}]: {parameters,9:N0} parameters, {rate,7:F1} samples/s, {rate / baseline.Value:F2}× the first");
        }
    }
}

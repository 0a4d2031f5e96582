using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Core.Training;
using static TorchSharp.torch;

namespace Scan.Core.Sanity;

/// <summary>
/// The label randomisation check for an imported target, whose body this machine cannot retrain: its classifier head
/// is reset to zero and fitted again (<see cref="HeadTrainer"/>, the rest frozen) on <see cref="ShuffledLabels"/>. The
/// result's body still holds its pretrained features; only its mapping from features to classes learned nothing true.
/// </summary>
public static class ShuffledLabelHead
{
    public static HeadTrainingResult Fit(TargetModel target, string headModule, IImageDataset train, IImageDataset test, HeadTrainingOptions options,
        Action<string>? progress = null, CancellationToken cancellation = default)
    {
        using (no_grad())
        {
            foreach (var parameter in LayerCapture.Find(target.Module, headModule).parameters())
            {
                parameter.zero_();
            }
        }
        return HeadTrainer.Train(target, headModule, new ShuffledLabels(train, options.Seed), test, options, progress, cancellation);
    }
}

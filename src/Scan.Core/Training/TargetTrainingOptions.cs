using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// How to train a target classifier: AdamW with a linear warm-up then a cosine decay of the learning rate per batch,
/// label-smoothed cross-entropy, optional shift-and-flip augmentation. <see cref="For"/> gives the measured recipes.
/// </summary>
public sealed record TargetTrainingOptions
{
    public string Architecture { get; init; } = ResNetClassifier.Architecture;

    public int Epochs { get; init; } = 8;

    public int BatchSize { get; init; } = 128;

    /// <summary>The peak learning rate, reached at the end of the warm-up.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Decoupled weight decay, applied to convolution and linear weights only (not to biases, norms or embeddings).</summary>
    public double WeightDecay { get; init; } = 0.05;

    public int Seed { get; init; }

    public Device Device { get; init; } = CPU;

    /// <summary>Random shifts of up to <see cref="BatchAugmentation.MaxShift"/> pixels and horizontal flips.</summary>
    public bool Augment { get; init; }

    public double LabelSmoothing { get; init; } = 0.1;

    public double WarmupEpochs { get; init; } = 1;

    /// <summary>Report progress every this many batches (and at the end of each epoch).</summary>
    public int ProgressEveryBatches { get; init; } = 50;

    /// <summary>Measure test accuracy after every epoch (it is always measured at the end).</summary>
    public bool EvaluateEachEpoch { get; init; }

    /// <summary>Sizes that replace the architecture's defaults (see <see cref="TargetArchitectures.DefaultHyperparameters"/>).</summary>
    public IReadOnlyDictionary<string, int>? Hyperparameters { get; init; }

    public Normalization Normalization { get; init; } = Normalization.FashionMnist;

    /// <summary>How the data set's images were prepared, recorded in target.json.</summary>
    public string Preprocessing { get; init; } = "";

    /// <summary>The recipe measured for an architecture on Fashion-MNIST at 32×32 on 2 CPU cores.</summary>
    public static TargetTrainingOptions For(string architecture) => architecture switch
    {
        ResNetClassifier.Architecture => new TargetTrainingOptions { Architecture = architecture, Epochs = 12, Augment = true },
        VisionTransformerClassifier.Architecture => new TargetTrainingOptions
        {
            Architecture = architecture, Epochs = 7, BatchSize = 64, LearningRate = 2.5e-3, WarmupEpochs = 0.5, Augment = false,
        },
        _ => throw new ScanInputException($"Unknown target architecture '{architecture}'; known: {string.Join(", ", TargetArchitectures.Names)}."),
    };

    internal void Validate()
    {
        Check(Epochs > 0, $"epochs {Epochs}: must be at least 1.");
        Check(BatchSize > 1, $"batch size {BatchSize}: must be at least 2 (batch norm needs two samples).");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"learning rate {LearningRate}: must be positive.");
        Check(WeightDecay >= 0, $"weight decay {WeightDecay}: must not be negative.");
        Check(LabelSmoothing is >= 0 and < 1, $"label smoothing {LabelSmoothing}: must be in [0, 1).");
        Check(WarmupEpochs >= 0, $"warm-up epochs {WarmupEpochs}: must not be negative.");
        Check(ProgressEveryBatches > 0, $"progress interval {ProgressEveryBatches}: must be at least 1 batch.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ScanInputException($"Target training option {message}");
        }
    }
}

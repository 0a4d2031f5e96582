namespace Scan.Core.Training;

/// <summary>How a decoder is trained (SPEC.md §2: Adam, lr 1e-3 cosine-annealed to 1e-6 per step, batch 128).</summary>
[GenerateSerializer, Immutable, Alias("scan.DecoderTrainingOptions")]
public sealed record DecoderTrainingOptions
{
    [Id(0)]
    public int Epochs { get; init; } = 5;

    [Id(1)]
    public int BatchSize { get; init; } = 128;

    [Id(2)]
    public double LearningRate { get; init; } = 1e-3;

    [Id(3)]
    public double MinLearningRate { get; init; } = 1e-6;

    [Id(4)]
    public long Seed { get; init; } = 1;

    /// <summary>Use only the first N training samples (null: all).</summary>
    [Id(5)]
    public int? Limit { get; init; }

    /// <summary>
    /// Samples per micro-batch on a cluster: each micro-batch's gradient is computed on its own and the parts are added
    /// exactly, so that any number of workers ends with the same weights.
    /// </summary>
    [Id(6)]
    public int MicroBatch { get; init; } = 32;

    /// <summary>A checkpoint every this many steps, besides the one at each epoch's end (0: epoch ends only).</summary>
    [Id(7)]
    public int CheckpointEverySteps { get; init; }

    /// <summary>
    /// Training images held out, from the end of the training split, to score the decoder (SCAN's AUC-D) after every
    /// epoch; the best epoch's decoder is kept. 0 turns validation off, and so does a training set not larger than this.
    /// </summary>
    [Id(8)]
    public int ValidationImages { get; init; } = 500;

    /// <summary>The held-out images [first, first + count) of a training set of <paramref name="available"/> images; count 0: none.</summary>
    public (int First, int Count) ValidationRange(int available) =>
        ValidationImages > 0 && available > ValidationImages ? (available - ValidationImages, ValidationImages) : (available, 0);

    /// <summary>The training samples 0 … n − 1 of a set of <paramref name="available"/>: the first --limit, never the held-out ones.</summary>
    public int TrainingSamples(int available)
    {
        var first = ValidationRange(available).First;
        return Math.Min(Limit ?? first, first);
    }

    public DecoderTrainingOptions Validate()
    {
        if (Epochs < 1)
        {
            throw new ScanInputException($"--epochs {Epochs}: must be at least 1.");
        }
        if (BatchSize < 1)
        {
            throw new ScanInputException($"--batch-size {BatchSize}: must be at least 1.");
        }
        if (!double.IsFinite(LearningRate) || !(LearningRate > 0) || !(MinLearningRate >= 0) || MinLearningRate > LearningRate)
        {
            throw new ScanInputException($"--lr {LearningRate} / min lr {MinLearningRate}: need a finite lr > 0 and 0 ≤ min lr ≤ lr.");
        }
        if (MicroBatch < 1)
        {
            throw new ScanInputException($"--micro-batch {MicroBatch}: must be at least 1.");
        }
        if (Limit is < 1)
        {
            throw new ScanInputException($"--limit {Limit}: must be at least 1.");
        }
        if (ValidationImages < 0)
        {
            throw new ScanInputException($"--validation {ValidationImages}: must be 0 (off) or more.");
        }
        if (CheckpointEverySteps < 0)
        {
            throw new ScanInputException($"--checkpoint-every {CheckpointEverySteps}: must be 0 or more.");
        }
        return this;
    }

    /// <summary>Cosine annealing from <see cref="LearningRate"/> at step 0 to <see cref="MinLearningRate"/> at <paramref name="totalSteps"/>.</summary>
    public double LearningRateAt(long step, long totalSteps) =>
        MinLearningRate + (0.5 * (LearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * Math.Min(step, totalSteps) / totalSteps)));
}

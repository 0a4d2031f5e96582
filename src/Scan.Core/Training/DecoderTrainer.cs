using Scan.Core.Data;
using Scan.Core.Decoders;
using Scan.Core.Losses;
using Scan.Core.Masks;
using Scan.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>The figures of one training step: the batch's mean loss and mean confidence area.</summary>
public sealed record StepStatistics(double Loss, double MeanArea, int Samples);

/// <summary>
/// A SCAN decoder being trained against a frozen target: one synchronous step computes the gradient-masked
/// features, the decoder's output, the loss and the decoder's gradients; another applies the Adam step.
/// The two halves are separate so that gradients can be averaged across workers in between.
/// </summary>
public sealed class DecoderTrainer : IDisposable
{
    private readonly TargetModel _target;
    private readonly nn.Module<Tensor, Tensor> _decoder;
    private readonly AdamOptimizer _optimizer;
    private static readonly Lock InitializationLock = new();
    private Tensor? _prior;

    private DecoderTrainer(TargetModel target, DecoderDescription description)
    {
        _target = target;
        Description = description;
        _decoder = DecoderFactory.Create(description.Layout, description.InputShape, description.Settings);
        _decoder.to(target.Device).train();
        _optimizer = new AdamOptimizer(_decoder.parameters(), description.Training.LearningRate);
    }

    public DecoderDescription Description { get; private set; }

    public nn.Module<Tensor, Tensor> Decoder => _decoder;

    /// <summary>A new decoder for <paramref name="layer"/> of <paramref name="target"/>, initialised from the seed.</summary>
    public static DecoderTrainer Create(TargetModel target, string layer, ScanSettings settings, DecoderTrainingOptions options)
    {
        settings.Validate();
        options.Validate();
        var description = new DecoderDescription(target.Description.Architecture, layer, target.LayoutOf(layer), target.InputShape, settings, options, []);
        // The global generator seeds the initial weights: replicas created side by side in one process take turns.
        lock (InitializationLock)
        {
            manual_seed(options.Seed);
            return new DecoderTrainer(target, description);
        }
    }

    /// <summary>Restores a trainer and its position from a checkpoint written by <see cref="SaveCheckpoint"/>.</summary>
    public static (DecoderTrainer Trainer, TrainingPosition Position) Resume(TargetModel target, string checkpoint)
    {
        DecoderTrainer? trainer = null;
        var (position, description) = TrainingCheckpoint.Read(checkpoint, stored =>
        {
            stored.CheckMatches(target, checkpoint);
            trainer = new DecoderTrainer(target, stored);
            return (trainer._decoder, trainer._optimizer);
        });
        trainer!.Description = description;
        return (trainer, position);
    }

    /// <summary>
    /// Reads what the loss needs from the training data before the first step: the prior reconstruction Ȳ over the
    /// samples this run trains on, when <see cref="ScanSettings.ConfidenceReference"/> asks for it.
    /// </summary>
    public void Prepare(IImageDataset trainingData)
    {
        if (Description.Settings.ConfidenceReference != ConfidenceReference.DatasetMean || _prior is not null)
        {
            return;
        }
        var count = Description.Training.TrainingSamples(trainingData.Count);
        _prior = ReconstructionPrior.Compute(trainingData, count, _target, Description.Layout.Grid, Description.Settings);
    }

    /// <summary>
    /// Forward and backward for one batch of un-normalised images [B, C, H, W] with labels [B] and their data-set
    /// indices (which, with the epoch and seed, fix each sample's mask percentile). Gradients accumulate into the
    /// decoder's parameters; <paramref name="batchDivisor"/> is the global batch size when a batch is split across workers.
    /// </summary>
    public StepStatistics ComputeGradients(Tensor images, Tensor labels, ReadOnlySpan<int> indices, int epoch, long? batchDivisor = null)
    {
        using var scope = NewDisposeScope();
        var settings = Description.Settings;
        var device = _target.Device;
        // The original code masks by the predicted class's softmax output and never looks at the label.
        var features = settings.MaskGradient == MaskGradient.PredictedSoftmax
            ? _target.FeaturesAndGradients(images, null, Description.Layer, softmax: true)
            : _target.FeaturesAndGradients(images, labels, Description.Layer);
        var percentiles = MaskPercentiles.Training(indices, epoch, Description.Training.Seed, settings, device);
        var masked = GradientMask.Apply(features.Features, features.Gradients, percentiles, settings);
        var target = ReconstructionTarget.Compute(_target.Normalize(images), Description.Layout.Grid, settings);
        var output = ScanForward.Run(_decoder, masked, Description.InputShape.Channels, settings);
        if (settings.ConfidenceReference == ConfidenceReference.DatasetMean && _prior is null)
        {
            throw new InvalidOperationException($"Call {nameof(Prepare)} with the training data before the first step.");
        }
        var loss = ScanLoss.Compute(output.Reconstruction, output.RawConfidence, target, settings, _prior, batchDivisor);
        loss.Loss.backward();
        return new StepStatistics(loss.Loss.item<float>(), loss.MeanArea.item<float>(), (int)images.shape[0]);
    }

    /// <summary>Applies one Adam step at <paramref name="learningRate"/> and clears the gradients.</summary>
    public void ApplyStep(double learningRate)
    {
        _optimizer.LearningRate = learningRate;
        _optimizer.Step();
        _optimizer.ZeroGradients();
    }

    /// <summary>The length of the flat gradient vector that <see cref="ReadGradients"/> fills.</summary>
    public int GradientLength => FlatGradients.Length(_decoder);

    /// <summary>Copies the accumulated gradients into one flat vector (for averaging across workers).</summary>
    public void ReadGradients(Span<float> destination) => FlatGradients.Read(_decoder, destination);

    /// <summary>Clears the accumulated gradients without a step.</summary>
    public void ZeroGradients() => _optimizer.ZeroGradients();

    /// <summary>Replaces the accumulated gradients with <paramref name="source"/> (the workers' sum).</summary>
    public void WriteGradients(ReadOnlySpan<float> source) => FlatGradients.Write(_decoder, source);

    public void SaveCheckpoint(string path, TrainingPosition position) =>
        TrainingCheckpoint.Write(path, position, Description with { History = position.History }, _decoder, _optimizer);

    /// <summary>Keeps the current weights as the best so far (best.safetensors in <paramref name="directory"/>, atomically, so a resumed job keeps it).</summary>
    public void SaveBest(string directory) => DecoderStore.WriteWeights(Path.Combine(directory, DecoderDescription.BestWeightsFileName), _decoder);

    /// <summary>Forgets a best.safetensors that an earlier job left in <paramref name="directory"/> (a new job starts from nothing).</summary>
    public static void ForgetBest(string directory)
    {
        if (Directory.Exists(directory))
        {
            File.Delete(Path.Combine(directory, DecoderDescription.BestWeightsFileName));
        }
    }

    /// <summary>
    /// Writes the trained decoder (decoder.json + decoder.safetensors) to <paramref name="directory"/>: the best validated
    /// epoch's weights when validation kept some, otherwise the current ones.
    /// </summary>
    public void SaveDecoder(string directory, IReadOnlyList<EpochSummary> history)
    {
        var best = Path.Combine(directory, DecoderDescription.BestWeightsFileName);
        if (File.Exists(best))
        {
            DecoderStore.ReadWeights(best, _decoder);
        }
        Description = Description with { History = history };
        DecoderStore.Save(directory, Description, _decoder);
        File.Delete(best);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _decoder.Dispose();
        _prior?.Dispose();
    }
}

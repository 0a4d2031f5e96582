using Scan.Core.Decoders;
using Scan.Core.Masks;
using Scan.Core.Models;
using Scan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Explainers;

/// <summary>SCAN: the trained decoder's self-confidence map Ĉ for the gradient-masked features at the decoder's layer.</summary>
public sealed class ScanExplainer : IExplainer, IDisposable
{
    private readonly TargetModel _target;
    private readonly nn.Module<Tensor, Tensor> _decoder;
    private readonly double _percentile;

    public ScanExplainer(TargetModel target, DecoderDescription description, nn.Module<Tensor, Tensor> decoder, double? percentile)
    {
        _target = target;
        _decoder = decoder;
        Description = description;
        _percentile = CheckPercentile(percentile) ?? description.Settings.InferencePercentile;
    }

    /// <summary>Rejects a mask percentile outside [0, 100]; null (the decoder's own setting) passes.</summary>
    public static double? CheckPercentile(double? percentile) => percentile is null or (>= 0 and <= 100)
        ? percentile
        : throw new ScanInputException($"--percentile {percentile}: must lie in [0, 100].");

    public string Name => "scan";

    public bool FinerThanFeatureGrid => true;

    public DecoderDescription Description { get; }

    public nn.Module<Tensor, Tensor> Decoder => _decoder;

    /// <summary>Throws, as one line for the user, when SCAN is asked for without a decoder.</summary>
    public static void RequireDecoder(string? decoderDirectory)
    {
        if (decoderDirectory is null)
        {
            throw new ScanInputException("The scan method needs --decoder DIR (a decoder trained by `scan train`); or leave scan out of --methods.");
        }
    }

    public static ScanExplainer Create(ExplainerContext context)
    {
        RequireDecoder(context.DecoderDirectory);
        var (description, decoder) = DecoderStore.Load(context.DecoderDirectory!, context.Target);
        if (description.Layer != context.Layer)
        {
            decoder.Dispose();
            throw new ScanInputException($"The decoder in {context.DecoderDirectory} explains layer {description.Layer}, not {context.Layer}: drop --layer or pass --layer {description.Layer}.");
        }
        return new ScanExplainer(context.Target, description, decoder, context.Percentile);
    }

    public Tensor Explain(Tensor images, Tensor classes) => ExplainWithReconstruction(images, classes).Confidence;

    /// <summary>The confidence map [B, H, W] and the reconstruction [B, C, H, W], un-normalised into [0, 1] pixel space.</summary>
    public (Tensor Confidence, Tensor Reconstruction) ExplainWithReconstruction(Tensor images, Tensor classes)
    {
        using var scope = NewDisposeScope();
        var settings = Description.Settings;
        var features = _target.FeaturesAndGradients(images, classes, Description.Layer, Description.Settings.MaskGradient == MaskGradient.PredictedSoftmax);
        var percentiles = MaskPercentiles.Constant(images.shape[0], _percentile, _target.Device);
        var masked = GradientMask.Apply(features.Features, features.Gradients, percentiles, settings);
        using var noGrad = no_grad();
        var output = ScanForward.Run(_decoder, masked, Description.InputShape.Channels, settings);
        var pixels = _target.Denormalize(output.Reconstruction);
        return (output.Confidence.MoveToOuterDisposeScope(), pixels.MoveToOuterDisposeScope());
    }

    public void Dispose() => _decoder.Dispose();
}

using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// A trained target: the module (in eval mode, on the training device) and its description with the measured test
/// accuracy; the wall time of training and evaluation, and the measured training and inference speeds.
/// </summary>
public sealed record TargetTrainingResult(
    nn.Module<Tensor, Tensor> Module,
    TargetDescription Description,
    TimeSpan Elapsed,
    double TrainingImagesPerSecond,
    double InferenceImagesPerSecond);

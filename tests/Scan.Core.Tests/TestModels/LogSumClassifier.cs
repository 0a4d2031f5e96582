using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Core.Tests.TestModels;

/// <summary>
/// Two classes with logits [0, ln s], s the image's pixel sum: softmax scores 1/(1 + s) and s/(1 + s), so that
/// confidence metrics can be worked out by hand. Class 1 is predicted when s &gt; 1.
/// </summary>
public static class LogSumClassifier
{
    public static TargetModel Target(ImageShape input) => FunctionClassifier.Target(input, 2,
        x => x,
        f => stack([zeros(f.shape[0], dtype: f.dtype), f.sum([1, 2, 3]).log()], 1));
}

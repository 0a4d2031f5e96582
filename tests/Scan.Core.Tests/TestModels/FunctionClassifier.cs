using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Scan.Core.Tests.TestModels;

/// <summary>
/// A parameter-free classifier made of two functions, for tests whose right answer is known: the layer "features"
/// is <c>features(x)</c>, the logits are <c>head(features)</c>.
/// </summary>
public sealed class FunctionClassifier : nn.Module<Tensor, Tensor>, ILayeredClassifier
{
    [ComponentName(Name = "features")]
    private readonly FunctionModule _features;
    private readonly Func<Tensor, Tensor> _head;

    public FunctionClassifier(Func<Tensor, Tensor> features, Func<Tensor, Tensor> head) : base(nameof(FunctionClassifier))
    {
        _features = new FunctionModule(features);
        _head = head;
        RegisterComponents();
    }

    public IReadOnlyList<string> LayerNames => ["features"];

    public string DefaultLayer => "features";

    public string ModulePath(string layer) => "features";

    public override Tensor forward(Tensor input) => _head(_features.call(input));

    /// <summary>A target with identity normalisation around the two functions.</summary>
    public static TargetModel Target(ImageShape input, int classes, Func<Tensor, Tensor> features, Func<Tensor, Tensor> head)
    {
        var description = new TargetDescription("test", ["features"], "features", input,
            new Normalization(Enumerable.Repeat(0f, input.Channels).ToArray(), Enumerable.Repeat(1f, input.Channels).ToArray()),
            Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray(), new Dictionary<string, int>(), null, "none", "none");
        return new TargetModel(description, new FunctionClassifier(features, head), CPU);
    }

    /// <summary>
    /// Identity features of [C, H, W] images and the logits [Σ W ⊙ features, 0]: the gradient of class 0 at the
    /// features is <paramref name="weights"/> [C, H, W], whatever the image, so weighting formulas can be checked by hand.
    /// </summary>
    public static TargetModel Linear(Tensor weights) =>
        Target(new ImageShape((int)weights.shape[0], (int)weights.shape[1], (int)weights.shape[2]), 2,
            x => x.alias(),
            f => stack([(f * weights).sum([1, 2, 3]), zeros(f.shape[0])], 1));

    private sealed class FunctionModule(Func<Tensor, Tensor> function) : nn.Module<Tensor, Tensor>(nameof(FunctionModule))
    {
        public override Tensor forward(Tensor input) => function(input);
    }
}

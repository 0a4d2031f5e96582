using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Tests.TestModels;

/// <summary>A two-convolution classifier for 1×32×32 inputs (layer "conv2" is 16×8×8), quick enough for training tests.</summary>
public sealed class TinyConvClassifier : nn.Module<Tensor, Tensor>, ILayeredClassifier
{
    private readonly Conv2d _conv1 = nn.Conv2d(1, 8, 3, stride: 2, padding: 1);
    private readonly Conv2d _conv2 = nn.Conv2d(8, 16, 3, stride: 2, padding: 1);
    private readonly Linear _head = nn.Linear(16, 10);

    public TinyConvClassifier() : base(nameof(TinyConvClassifier)) => RegisterComponents();

    public IReadOnlyList<string> LayerNames => ["conv1", "conv2"];

    public string DefaultLayer => "conv2";

    public Tensor ForwardTo(Tensor normalisedImages, string layer)
    {
        var first = nn.functional.relu(_conv1.call(normalisedImages));
        return layer == "conv1" ? first : nn.functional.relu(_conv2.call(first));
    }

    public Tensor ForwardFrom(Tensor features, string layer)
    {
        var second = layer == "conv1" ? nn.functional.relu(_conv2.call(features)) : features;
        return _head.call(second.mean([2, 3]));
    }

    public override Tensor forward(Tensor input) => ForwardFrom(ForwardTo(input, DefaultLayer), DefaultLayer);

    /// <summary>A target around a freshly seeded (untrained) classifier: its gradients are still informative enough to train a decoder against.</summary>
    public static TargetModel Target(long seed = 7)
    {
        manual_seed(seed);
        var description = new TargetDescription("tiny", ["conv1", "conv2"], "conv2", new ImageShape(1, 32, 32), Normalization.FashionMnist,
            FashionMnistDataset.Classes, new Dictionary<string, int>(), null, "Fashion-MNIST", "test");
        return new TargetModel(description, new TinyConvClassifier(), CPU);
    }
}

using Scan.Core.Data;
using Scan.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Scan.Core.Tests.TestModels;

/// <summary>A two-convolution classifier for 1×32×32 inputs (layer "conv2" is 16×8×8), quick enough for training tests.</summary>
public sealed class TinyConvClassifier : nn.Module<Tensor, Tensor>, ILayeredClassifier
{
    [ComponentName(Name = "conv1")]
    private readonly Sequential _conv1 = nn.Sequential(nn.Conv2d(1, 8, 3, stride: 2, padding: 1), nn.ReLU());
    [ComponentName(Name = "conv2")]
    private readonly Sequential _conv2 = nn.Sequential(nn.Conv2d(8, 16, 3, stride: 2, padding: 1), nn.ReLU());
    [ComponentName(Name = "head")]
    private readonly Linear _head = nn.Linear(16, 10);

    public TinyConvClassifier() : base(nameof(TinyConvClassifier)) => RegisterComponents();

    public IReadOnlyList<string> LayerNames => ["conv1", "conv2"];

    public string DefaultLayer => "conv2";

    public string ModulePath(string layer) => layer;

    public override Tensor forward(Tensor input) => _head.call(_conv2.call(_conv1.call(input)).mean([2, 3]));

    /// <summary>A target around a freshly seeded (untrained) classifier: its gradients are still informative enough to train a decoder against.</summary>
    public static TargetModel Target(long seed = 7)
    {
        manual_seed(seed);
        var description = new TargetDescription("tiny", ["conv1", "conv2"], "conv2", new ImageShape(1, 32, 32), Normalization.FashionMnist,
            FashionMnistDataset.Classes, new Dictionary<string, int>(), null, "Fashion-MNIST", "test");
        return new TargetModel(description, new TinyConvClassifier(), CPU);
    }
}

using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Models;
using Scan.Core.Tests.TestModels;
using Scan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Explainers;

public class ExplainerRegistryTests(ExplainerTargetsFixture targets) : IClassFixture<ExplainerTargetsFixture>
{
    private static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    public static TheoryData<string> Names => [.. ExplainerRegistry.Names];

    [Fact]
    public void Names_IncludeTheCamAndAttentionBaselines()
    {
        var baselines = ExplainerRegistry.ParseList("gradcam, gradcam++,xgradcam,layercam,attention,rollout,chefer");

        Assert.Equal(7, baselines.Count);
        Assert.Subset(ExplainerRegistry.Names.ToHashSet(), baselines.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Explain_EveryRegisteredMethod_GivesDeterministicFiniteMapsInTheUnitRange(string name)
    {
        var applied = new List<string>();
        foreach (var context in targets.Contexts)
        {
            IExplainer first;
            try
            {
                first = ExplainerRegistry.Create(name, context);
            }
            catch (ScanInputException)
            {
                continue; // refused at creation: this target is not one the method applies to
            }
            var second = ExplainerRegistry.Create(name, context);
            applied.Add(context.Target.Description.Architecture);
            var shape = context.Target.InputShape;
            manual_seed(8);
            using var images = rand(3, shape.Channels, shape.Height, shape.Width);
            using var classes = tensor(new long[] { 0, 1, 2 });

            using var maps = first.Explain(images, classes);
            using var again = second.Explain(images, classes);
            var before = LiveTensors;
            using (NewDisposeScope())
            {
                first.Explain(images, classes);
            }
            var after = LiveTensors;

            var where = $"{name} on {context.Target.Description.Architecture}";
            Assert.Equal(name, first.Name);
            Assert.Equal(new long[] { 3, shape.Height, shape.Width }, maps.shape);
            Assert.Equal(context.Target.Device.type, maps.device.type);
            Assert.True(maps.isfinite().all().item<bool>(), $"{where}: non-finite values");
            Assert.InRange(maps.min().item<float>(), 0f, 1f);
            Assert.InRange(maps.max().item<float>(), 0f, 1f);
            Assert.Equal(maps.data<float>().ToArray(), again.data<float>().ToArray());
            Assert.Equal(before, after);
            foreach (var explainer in new[] { first, second }.OfType<IDisposable>())
            {
                explainer.Dispose();
            }
        }
        Assert.True(applied.Count > 0, $"{name} applies to none of the test targets");
    }
}

/// <summary>
/// The targets every registered method is tried on: a tiny CNN with a SCAN decoder trained for two steps on its
/// layer conv2, and a small vision transformer (no decoder fits it, so scan refuses it).
/// </summary>
public sealed class ExplainerTargetsFixture : IDisposable
{
    public ExplainerTargetsFixture()
    {
        Cnn = TinyConvClassifier.Target();
        Vit = TinyVisionTransformer.Target();
        DecoderDirectory = Directory.CreateTempSubdirectory("scan-registry-").FullName;
        var data = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Test);
        var options = new DecoderTrainingOptions { Epochs = 1, BatchSize = 16, Limit = 32, Seed = 3 };
        using var trainer = DecoderTrainer.Create(Cnn, "conv2", new ScanSettings(), options);
        DecoderTraining.Run(trainer, Cnn, data, DecoderDirectory, new TrainingPosition(0, 0, 0, []), null, CancellationToken.None);
    }

    public TargetModel Cnn { get; }

    public TargetModel Vit { get; }

    public string DecoderDirectory { get; }

    public IEnumerable<ExplainerContext> Contexts =>
    [
        TestContexts.For(Cnn, "conv2", DecoderDirectory, seed: 17),
        TestContexts.For(Vit, Vit.ResolveLayer(null), DecoderDirectory, seed: 17),
    ];

    public void Dispose()
    {
        Cnn.Dispose();
        Vit.Dispose();
        Directory.Delete(DecoderDirectory, recursive: true);
    }
}

using Scan.Core.Data;
using Scan.Core.Explainers;
using Scan.Core.Tests.TestModels;
using Scan.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

public class LeakTests
{
    private static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void TrainAndExplainSteps_RepeatedOnOneThread_LeaveNoTensorsBehind()
    {
        var data = FashionMnistDataset.Load(FashionMnistDataset.DefaultDirectory, DataSplit.Test);
        using var target = TinyConvClassifier.Target();
        using var trainer = DecoderTrainer.Create(target, "conv2", new ScanSettings(), new DecoderTrainingOptions { BatchSize = 16 });
        trainer.Prepare(data);
        var indices = Enumerable.Range(0, 16).ToArray();
        var explainer = new ScanExplainer(target, trainer.Description, trainer.Decoder, null); // the trainer owns the decoder
        var gradCam = new GradCam(target, "conv2");

        void Round()
        {
            using var scope = NewDisposeScope();
            var (images, labels) = DataBatch.Load(data, indices);
            trainer.ComputeGradients(images, labels, indices, epoch: 0);
            trainer.ApplyStep(1e-4);
            explainer.Explain(images, labels);
            gradCam.Explain(images, labels);
        }

        Round();
        var before = LiveTensors;
        for (var i = 0; i < 10; i++)
        {
            Round();
        }

        Assert.Equal(before, LiveTensors);
    }
}

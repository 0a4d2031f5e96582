using System.Text.Json;
using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Client.Tests.Commands;

/// <summary>`scan make-dataset`, then `scan evaluate` and `scan report` on it: the localisation metrics appear beside the perturbation ones.</summary>
public sealed class NaturalBackgroundEvaluationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scan-natural-eval-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task EvaluateAndReport_NaturalBackgrounds_ShowPointingGameEnergyAndIou()
    {
        var data = Path.Combine(_directory, "natural");
        var made = await CliRun.Of("make-dataset", "--out", data, "--limit", "30");
        Assert.True(made.ExitCode == ExitCodes.Success, made.Stderr);
        var target = Path.Combine(_directory, "target");
        var description = TargetArchitectures.Describe(ResNetClassifier.Architecture, new ImageShape(3, 64, 64), new Normalization([0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]),
            Scan.Core.Data.Natural.NaturalBackgroundSet.ClassFolders, "untrained", "none", new Dictionary<string, int> { ["base_width"] = 4 });
        manual_seed(3);
        using (var module = TargetArchitectures.Create(description))
        {
            TargetStore.Save(module, description, target);
        }

        var run = await CliRun.Of("evaluate", "--target", target, "--data", data, "--methods", "gradcam,random", "--format", "json");
        var again = await CliRun.Of("make-dataset", "--out", data, "--limit", "30");
        var reportDirectory = Path.Combine(_directory, "report");
        var report = await CliRun.Of("report", "--target", target, "--data", data, "--methods", "gradcam,random", "--out", reportDirectory,
            "--random-maps", "2", "--grid-images", "1");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var methods = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("methods");
        foreach (var method in new[] { "gradcam", "random" })
        {
            var scores = methods.GetProperty(method);
            Assert.Equal(30, scores.GetProperty("n").GetInt64());
            // A hit or a miss per image: the pointing game is a whole number of the 30 images.
            var hits = scores.GetProperty("pointing_game").GetDouble() * 30 / 100;
            Assert.Equal(Math.Round(hits), hits, 6);
            Assert.InRange(hits, 0, 30);
            Assert.InRange(scores.GetProperty("energy_pointing_game").GetDouble(), 0, 100);
            Assert.InRange(scores.GetProperty("top20_iou").GetDouble(), 0, 100);
        }
        // A random map's energy on the object is about the object's share of the image (~20 % here), far from 0 or 100.
        Assert.InRange(methods.GetProperty("random").GetProperty("energy_pointing_game").GetDouble(), 8, 40);
        Assert.True(report.ExitCode == ExitCodes.Success, report.Stderr);
        var markdown = File.ReadAllText(Path.Combine(reportDirectory, "report.md"));
        Assert.Contains($"The first 30 `{data}` test images", markdown, StringComparison.Ordinal);
        Assert.Contains("| pointing game | energy pointing game | top-20 % IoU |", markdown, StringComparison.Ordinal);
        var gradcam = methods.GetProperty("gradcam");
        Assert.Contains(FormattableString.Invariant($"| {gradcam.GetProperty("pointing_game").GetDouble():F2} | {gradcam.GetProperty("energy_pointing_game").GetDouble():F2} | {gradcam.GetProperty("top20_iou").GetDouble():F2} |"),
            markdown, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainTarget_ImageFolder_RgbAtItsSizeWithImageNetNormalisationAndAnEightByEightTokenGrid()
    {
        var data = Path.Combine(_directory, "natural");
        Assert.Equal(ExitCodes.Success, (await CliRun.Of("make-dataset", "--out", data, "--limit", "40")).ExitCode);
        var (cnn, vit) = (Path.Combine(_directory, "cnn"), Path.Combine(_directory, "vit"));

        var cnnRun = await CliRun.Of("train-target", "--model", "cnn", "--data", data, "--out", cnn, "--epochs", "1");
        var vitRun = await CliRun.Of("train-target", "--model", "vit", "--data", data, "--out", vit, "--epochs", "1");
        var badSize = await CliRun.Of("train-target", "--model", "cnn", "--data", data, "--out", Path.Combine(_directory, "bad"), "--image-size", "60");
        var evaluation = await CliRun.Of("evaluate", "--target", cnn, "--data", data, "--methods", "gradcam", "--format", "json");

        Assert.True(cnnRun.ExitCode == ExitCodes.Success, cnnRun.Stderr);
        Assert.True(vitRun.ExitCode == ExitCodes.Success, vitRun.Stderr);
        var cnnDescription = TargetDescription.Read(cnn);
        Assert.Equal(new ImageShape(3, 64, 64), cnnDescription.InputShape);
        Assert.Equal(Normalization.ImageNet.Mean, cnnDescription.Normalization.Mean);
        Assert.Equal(Normalization.ImageNet.Std, cnnDescription.Normalization.Std);
        Assert.Contains("ImageNet", cnnDescription.Preprocessing, StringComparison.Ordinal);
        Assert.Equal(FashionMnistDataset.Classes.Count, cnnDescription.ClassNames.Count);
        Assert.Equal(8, TargetDescription.Read(vit).Hyperparameter("patch"));
        Assert.Equal(ExitCodes.BadInput, badSize.ExitCode);
        Assert.Contains("--image-size 60", badSize.Stderr, StringComparison.Ordinal);
        Assert.True(evaluation.ExitCode == ExitCodes.Success, evaluation.Stderr);
        Assert.Equal(40, JsonDocument.Parse(evaluation.Stdout).RootElement.GetProperty("methods").GetProperty("gradcam").GetProperty("n").GetInt64());
    }
}

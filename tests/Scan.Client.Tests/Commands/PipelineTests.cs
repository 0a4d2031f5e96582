using System.Text.Json;
using SixLabors.ImageSharp;

namespace Scan.Client.Tests.Commands;

public sealed class PipelineTests : IClassFixture<UntrainedTarget>
{
    private readonly UntrainedTarget _target;

    public PipelineTests(UntrainedTarget target) => _target = target;

    [Fact]
    public async Task TrainExplainEvaluate_SmallRun_WritesDecoderPngAndJson()
    {
        var decoder = Path.Combine(_target.Directory, "decoder");
        var png = Path.Combine(_target.Directory, "explain.png");

        var train = await CliRun.Of("train", "--target", _target.Path, "--out", decoder, "--epochs", "1", "--limit", "96", "--batch-size", "32", "--device", "cpu");
        var again = await CliRun.Of("train", "--target", _target.Path, "--out", decoder, "--epochs", "1", "--limit", "96");
        var explain = await CliRun.Of("explain", "--target", _target.Path, "--decoder", decoder, "--index", "7", "--class", "Sneaker", "--out", png);
        var evaluate = await CliRun.Of("evaluate", "--target", _target.Path, "--decoder", decoder, "--limit", "30", "--batch-size", "16", "--format", "json");

        Assert.Equal(ExitCodes.Success, train.ExitCode);
        Assert.Contains("area", train.Stderr);
        Assert.Contains("samples/s", train.Stderr);
        Assert.Contains($"Decoder written to {decoder}: 1 epoch(s) in ", train.Stderr);
        Assert.Contains($"Next: scan evaluate --target {_target.Path} --decoder {decoder}", train.Stderr);
        Assert.True(File.Exists(Path.Combine(decoder, "decoder.safetensors")));
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Contains("--resume", again.Stderr);
        Assert.Equal(ExitCodes.Success, explain.ExitCode);
        Assert.Contains("Sneaker", explain.Stderr);
        using (var image = Image.Load(png))
        {
            // Three 32×32 tiles at 8× with two 4-pixel gaps, the colour bar on the right, the headers above.
            Assert.InRange(image.Width, (3 * 256) + 8 + 30, (3 * 256) + 8 + 120);
            Assert.InRange(image.Height, 256 + 20, 256 + 60);
        }
        Assert.Equal(ExitCodes.Success, evaluate.ExitCode);
        using var json = JsonDocument.Parse(evaluate.Stdout);
        var methods = json.RootElement.GetProperty("methods");
        Assert.Equal(["scan", "gradcam", "random"], methods.EnumerateObject().Select(m => m.Name));
        foreach (var method in methods.EnumerateObject())
        {
            var (pos, neg) = (method.Value.GetProperty("pos_auc").GetDouble(), method.Value.GetProperty("neg_auc").GetDouble());
            Assert.InRange(pos, 0, 90);
            Assert.InRange(neg, 0, 90);
            Assert.Equal(neg - pos, method.Value.GetProperty("auc_d").GetDouble(), 9);
            Assert.Equal(30, method.Value.GetProperty("n").GetInt32());
        }
    }

    [Fact]
    public async Task Explain_APhotoAndThePngOfTestImage0_ReadLikeTrainingSaysWhatChangedAndPrintsTopClasses()
    {
        var test = Scan.Core.Data.FashionMnistDataset.Load(Scan.Core.Data.FashionMnistDataset.DefaultDirectory, Scan.Core.Data.DataSplit.Test);
        var pixels = new float[32 * 32];
        test.Read(0, pixels);
        var png = Path.Combine(_target.Directory, "test-0.png");
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.L8>(28, 28))
        {
            for (var y = 0; y < 28; y++)
            {
                for (var x = 0; x < 28; x++)
                {
                    image[x, y] = new((byte)Math.Round(pixels[((y + 2) * 32) + x + 2] * 255));
                }
            }
            image.SaveAsPng(png);
        }
        var photo = Path.Combine(_target.Directory, "tshirt-640x480.jpg");
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(640, 480, new(180, 30, 60)))
        {
            image.SaveAsJpeg(photo);
        }
        string[] explain = ["explain", "--target", _target.Path, "--method", "gradcam", "--out", Path.Combine(_target.Directory, "x.png")];

        var fromPng = await CliRun.Of([.. explain, "--image", png]);
        var fromIndex = await CliRun.Of([.. explain, "--index", "0"]);
        var fromPhoto = await CliRun.Of([.. explain, "--image", photo]);
        var asJson = await CliRun.Of([.. explain, "--image", photo, "--format", "json"]);

        Assert.Equal(ExitCodes.Success, fromPng.ExitCode);
        Assert.Equal(fromIndex.Stdout, fromPng.Stdout);
        Assert.StartsWith("top classes: ", fromPng.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, fromPng.Stdout.Split(',').Length);
        Assert.Equal(fromIndex.Stderr[fromIndex.Stderr.IndexOf("mean saliency", StringComparison.Ordinal)..],
            fromPng.Stderr[fromPng.Stderr.IndexOf("mean saliency", StringComparison.Ordinal)..]);
        Assert.Equal(ExitCodes.Success, fromPhoto.ExitCode);
        Assert.Contains($"{photo} (640×480): turned its colours to grey (the target takes one channel); resized it to 28×21 (aspect ratio kept) and centred it on black at 28×28; padded it with 2 black pixels",
            fromPhoto.Stderr, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(asJson.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("top_classes").GetArrayLength());
        Assert.Equal(3, json.RootElement.GetProperty("image_changes").GetArrayLength());
        Assert.Equal("gradcam", json.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public async Task Evaluate_CamBaselines_ReportsEachMethod()
    {
        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--methods", "gradcam++,xgradcam,layercam", "--limit", "4", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["gradcam++", "xgradcam", "layercam"], json.RootElement.GetProperty("methods").EnumerateObject().Select(m => m.Name));
    }

    [Fact]
    public async Task Evaluate_AttentionMethodOnCnnTarget_ExitsBadInputNamingMethodAndArchitecture()
    {
        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--methods", "gradcam,rollout", "--limit", "2");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("rollout", run.Stderr);
        Assert.Contains("'cnn'", run.Stderr);
    }

    [Fact]
    public async Task Layers_CnnTarget_ListsStagesOnStdoutAsATableOrJson()
    {
        var json = await CliRun.Of("layers", "--target", _target.Path, "--format", "json");
        var text = await CliRun.Of("layers", "--target", _target.Path);

        Assert.Equal(ExitCodes.Success, json.ExitCode);
        Assert.Equal(["stem", "stage1", "stage2", "stage3"], CliRun.ExplainableLayers(json.Stdout));
        Assert.Contains("stage3", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stage3", text.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_UnknownLayer_ListsTheLayers()
    {
        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--methods", "gradcam", "--layer", "block9", "--limit", "2");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("block9", run.Stderr);
        Assert.Contains("stage3", run.Stderr);
    }

    [Fact]
    public async Task Evaluate_ScanWithoutDecoderOrATargetAsDecoder_OneLineBeforeAnyJob()
    {
        var withoutDecoder = await CliRun.Of("evaluate", "--target", _target.Path, "--limit", "5");
        var targetAsDecoder = await CliRun.Of("evaluate", "--target", _target.Path, "--decoder", _target.Path, "--limit", "5");

        Assert.Equal(ExitCodes.BadInput, withoutDecoder.ExitCode);
        Assert.Equal("error: The scan method needs --decoder DIR (a decoder trained by `scan train`); or leave scan out of --methods.", withoutDecoder.Stderr.Trim());
        Assert.Equal(ExitCodes.BadInput, targetAsDecoder.ExitCode);
        Assert.Equal($"error: --decoder {_target.Path} is a target, not a decoder; give the directory `scan train --out` wrote.", targetAsDecoder.Stderr.Trim());
    }

    [Fact]
    public async Task Train_DataDirectoryMissing_OneLineBeforeAnyJob()
    {
        var run = await CliRun.Of("train", "--target", _target.Path, "--data", "/nonexistent", "--out", Path.Combine(_target.Directory, "never"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("error: --data /nonexistent: no such directory.", run.Stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(_target.Directory, "never")));
    }

    [Fact]
    public async Task Evaluate_DataDirectoryMissing_ExitsBadInputNamingIt()
    {
        var missing = Path.Combine(_target.Directory, "no-data");

        var run = await CliRun.Of("evaluate", "--target", _target.Path, "--data", missing);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(missing, run.Stderr);
    }

    [Fact]
    public async Task Explain_PercentileOutOfRange_ExitsBadInput()
    {
        var run = await CliRun.Of("explain", "--target", _target.Path, "--decoder", Path.Combine(_target.Directory, "none"), "--index", "0", "--percentile", "120", "--out", "x.png");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--percentile 120", run.Stderr);
    }
}

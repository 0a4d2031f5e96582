using Scan.Core.Models;
using Scan.Core.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Models;

public sealed class TargetStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"scan-target-store-{Guid.NewGuid():N}");

    public TargetStoreTests() => TorchNativeSetup.EnsureLoaded(AppContext.BaseDirectory);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("cnn")]
    [InlineData("vit")]
    public void SaveThenLoad_Module_GivesIdenticalLogitsAndDescription(string architecture)
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var description = TinyTargets.ByName(architecture) with { TestAccuracy = 0.5 };
        var images = rand(4, 1, 16, 16);
        using var original = new TargetModel(description, TargetArchitectures.Create(description), CPU);
        TinyTargets.Scramble(original.Module);
        var expected = original.Logits(images);

        TargetStore.Save(original, _directory);
        using var loaded = TargetStore.Load(_directory, CPU);

        Assert.True(File.Exists(Path.Combine(_directory, TargetDescription.WeightsFileName)));
        Assert.Equal(expected.data<float>().ToArray(), loaded.Logits(images).data<float>().ToArray());
        Assert.Equal(0.5, loaded.Description.TestAccuracy);
        Assert.Equal(description.Layers, loaded.Description.Layers);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(_directory, ".*")));
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsScanInputExceptionNamingIt()
    {
        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryWithoutTargetJson_ThrowsScanInputExceptionSayingItIsNotATarget()
    {
        Directory.CreateDirectory(_directory);

        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains("is not a target model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WeightsMissing_ThrowsScanInputExceptionNamingTheWeightsFile()
    {
        TinyTargets.Cnn().Write(_directory);

        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains(TargetDescription.WeightsFileName, error.Message, StringComparison.Ordinal);
        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cnn", 8)]
    [InlineData("vit", 16)]
    public void Load_WeightsOfOtherSizes_ThrowsScanInputExceptionSayingTheyDoNotMatch(string architecture, int width)
    {
        var description = TinyTargets.ByName(architecture);
        using (var module = TargetArchitectures.Create(description))
        {
            TargetStore.Save(module, description, _directory);
        }
        var sizeKey = architecture == "cnn" ? "base_width" : "dim";
        var resized = new Dictionary<string, int>(description.Hyperparameters) { [sizeKey] = width };
        (description with { Hyperparameters = resized }).Write(_directory);

        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains(Path.Combine(_directory, TargetDescription.WeightsFileName), error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match the architecture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WeightsOfAnotherArchitecture_ThrowsScanInputException()
    {
        var vit = TinyTargets.Vit();
        using (var module = TargetArchitectures.Create(vit))
        {
            TargetStore.Save(module, vit, _directory);
        }
        TinyTargets.Cnn().Write(_directory);

        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains("does not match the architecture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WeightsFileNotInTorchSharpFormat_ThrowsScanInputException()
    {
        TinyTargets.Cnn().Write(_directory);
        File.WriteAllBytes(Path.Combine(_directory, TargetDescription.WeightsFileName), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains("does not match the architecture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TargetJsonNotJson_ThrowsScanInputException()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, TargetDescription.FileName), "{ not json");

        var error = Assert.Throws<ScanInputException>(() => TargetStore.Load(_directory, CPU));

        Assert.Contains(TargetDescription.FileName, error.Message, StringComparison.Ordinal);
    }
}

using Scan.Core.Data;
using Scan.Core.Models;
using static TorchSharp.torch;

namespace Scan.Client.Tests;

/// <summary>A small, untrained CNN target for Fashion-MNIST written to a temporary directory: enough to drive every command.</summary>
public sealed class UntrainedTarget : IDisposable
{
    public UntrainedTarget()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("scan-client-").FullName;
        Path = System.IO.Path.Combine(Directory, "target");
        var description = TargetArchitectures.Describe(ResNetClassifier.Architecture, new ImageShape(1, 32, 32), Normalization.FashionMnist,
            FashionMnistDataset.Classes, "untrained", FashionMnistDataset.Preprocessing, new Dictionary<string, int> { ["base_width"] = 4 });
        manual_seed(5);
        using var module = TargetArchitectures.Create(description);
        TargetStore.Save(module, description, Path);
    }

    /// <summary>A scratch directory that holds the target and whatever a test writes.</summary>
    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using Scan.Core.Data;
using Scan.Core.Models;
using Scan.Grains.Abstractions.Jobs;
using static TorchSharp.torch;

namespace Scan.Grains.Tests;

/// <summary>
/// A real three-silo Orleans cluster in this process (Orleans' in-process test cluster), and a small untrained CNN
/// target on disk that its jobs train and evaluate against Fashion-MNIST.
/// </summary>
public sealed class ThreeSiloCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = BuildCluster();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("scan-grains-").FullName;

    public string Target => Path.Combine(Directory, "target");

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var description = TargetArchitectures.Describe(ResNetClassifier.Architecture, new ImageShape(1, 32, 32), Normalization.FashionMnist,
            FashionMnistDataset.Classes, "untrained", FashionMnistDataset.Preprocessing, new Dictionary<string, int> { ["base_width"] = 4 });
        manual_seed(5);
        using (var module = TargetArchitectures.Create(description))
        {
            TargetStore.Save(module, description, Target);
        }
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Polls <paramref name="job"/> until it finishes (at most <paramref name="limit"/>).</summary>
    public static async Task<JobStatus> FinishedAsync(IJobGrain job, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var status = await job.GetStatusAsync();
            if (status.IsFinished)
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job still {status.State} after {limit}: {status.Detail}");
            await Task.Delay(100);
        }
    }

    private static InProcessTestCluster BuildCluster()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(Jobs.JobStorage.Name);
            silo.UseSiloMetadata(Scan.Grains.Cluster.DeviceAnnouncement.Local(cpuWorkers: 1));
            silo.Services.Configure<ScanClusterOptions>(o =>
            {
                o.ExchangeTimeout = TimeSpan.FromSeconds(20);
                o.ChunkElements = 5000;
            });
        });
        return builder.Build();
    }
}

[CollectionDefinition(Name)]
public sealed class ThreeSiloGroup : ICollectionFixture<ThreeSiloCluster>
{
    public const string Name = "three silos";
}

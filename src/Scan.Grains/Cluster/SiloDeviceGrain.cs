using Microsoft.Extensions.Options;
using Orleans.Placement;
using Scan.Grains.Abstractions.Cluster;
using static TorchSharp.torch;

namespace Scan.Grains.Cluster;

/// <summary>The devices of this silo: its CUDA devices when it has any, otherwise its configured number of CPU workers.</summary>
[Immovable]
public sealed class SiloDeviceGrain(ILocalSiloDetails silo, IOptions<ScanClusterOptions> options) : Grain, ISiloDeviceGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var here = silo.SiloAddress.ToString();
        return this.GetPrimaryKeyString() == here ? Task.CompletedTask
            : throw new InvalidOperationException($"The device grain for {this.GetPrimaryKeyString()} was placed on {here}.");
    }

    public Task<SiloDevices> GetDevicesAsync() => Task.FromResult(Local(silo.SiloAddress.ToString(), options.Value));

    public static SiloDevices Local(string siloAddress, ScanClusterOptions options) => cuda.is_available()
        ? new SiloDevices(siloAddress, "cuda", cuda.device_count())
        : new SiloDevices(siloAddress, "cpu", options.CpuWorkers);
}

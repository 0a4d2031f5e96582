using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Grains.Abstractions.Cluster;
using static TorchSharp.torch;

namespace Scan.Grains.Cluster;

/// <summary>
/// What a silo announces about its devices in Orleans' silo metadata (kind and count), and how other silos read it:
/// its CUDA devices when it has any, otherwise its configured number of CPU workers.
/// </summary>
public static class DeviceAnnouncement
{
    public const string KindKey = "scan.devices.kind";
    public const string CountKey = "scan.devices.count";

    /// <summary>The metadata this silo announces.</summary>
    public static Dictionary<string, string> Local(int cpuWorkers) => cuda.is_available()
        ? new() { [KindKey] = "cuda", [CountKey] = $"{cuda.device_count()}" }
        : new() { [KindKey] = "cpu", [CountKey] = $"{cpuWorkers}" };

    /// <summary>The devices <paramref name="silo"/> announced; one CPU worker when its metadata has not arrived yet.</summary>
    public static SiloDevices Read(ISiloMetadataCache cache, SiloAddress silo)
    {
        var metadata = cache.GetSiloMetadata(silo).Metadata;
        return metadata.TryGetValue(KindKey, out var kind) && metadata.TryGetValue(CountKey, out var count) && int.TryParse(count, out var devices) && devices > 0
            ? new SiloDevices(silo.ToString(), kind, devices)
            : new SiloDevices(silo.ToString(), "cpu", 1);
    }
}

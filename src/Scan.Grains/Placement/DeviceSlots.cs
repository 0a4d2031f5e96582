using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Scan.Grains.Abstractions.Cluster;
using Scan.Grains.Cluster;

namespace Scan.Grains.Placement;

/// <summary>A place for one worker: a silo and the index of a device on it.</summary>
public sealed record DeviceSlot(SiloAddress Silo, int Device, string Kind);

/// <summary>The cluster's devices as worker slots: silos in a fixed order, each silo's devices in turn.</summary>
public static class DeviceSlots
{
    public static async Task<IReadOnlyList<(SiloAddress Silo, SiloDevices Devices)>> SilosAsync(IGrainFactory grains, ISiloMetadataCache metadata) =>
        (await WorkerPlacement.AnsweringSilosAsync(grains)).Select(silo => (silo, DeviceAnnouncement.Read(metadata, silo))).ToList();

    /// <summary>Every device slot of the silos that answer; worker r takes slot r mod the slot count.</summary>
    public static async Task<IReadOnlyList<DeviceSlot>> ListAsync(IGrainFactory grains, ISiloMetadataCache metadata) =>
        (await SilosAsync(grains, metadata)).SelectMany(s => Enumerable.Range(0, s.Devices.Count).Select(d => new DeviceSlot(s.Silo, d, s.Devices.Kind))).ToList();

    /// <summary>The device a worker in <paramref name="slot"/> uses: its own GPU when the job asks for auto or cuda, otherwise what the job asks for.</summary>
    public static string DeviceFor(DeviceSlot slot, string requested) =>
        slot.Kind == "cuda" && requested is "auto" or "cuda" ? $"cuda:{slot.Device}" : requested;
}

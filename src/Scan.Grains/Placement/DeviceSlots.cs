using Orleans.Runtime;
using Scan.Grains.Abstractions.Cluster;

namespace Scan.Grains.Placement;

/// <summary>A place for one worker: a silo and the index of a device on it.</summary>
public sealed record DeviceSlot(SiloAddress Silo, int Device, string Kind);

/// <summary>The cluster's devices as worker slots: silos in a fixed order, each silo's devices in turn.</summary>
public static class DeviceSlots
{
    public static async Task<IReadOnlyList<(SiloAddress Silo, SiloDevices Devices)>> SilosAsync(IGrainFactory grains)
    {
        var silos = await WorkerPlacement.AnsweringSilosAsync(grains);
        var devices = await Task.WhenAll(silos.Select(silo =>
            WorkerPlacement.OnSilo(silo, () => grains.GetGrain<ISiloDeviceGrain>(silo.ToString()).GetDevicesAsync())));
        return silos.Zip(devices).ToList();
    }

    /// <summary>Every device slot of the silos that answer; worker r takes slot r mod the slot count.</summary>
    public static async Task<IReadOnlyList<DeviceSlot>> ListAsync(IGrainFactory grains) =>
        (await SilosAsync(grains)).SelectMany(s => Enumerable.Range(0, Math.Max(1, s.Devices.Count)).Select(d => new DeviceSlot(s.Silo, d, s.Devices.Kind))).ToList();

    /// <summary>The device a worker in <paramref name="slot"/> uses: its own GPU when the job asks for auto or cuda, otherwise what the job asks for.</summary>
    public static string DeviceFor(DeviceSlot slot, string requested) =>
        slot.Kind == "cuda" && requested is "auto" or "cuda" ? $"cuda:{slot.Device}" : requested;
}

using k8s.Models;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>What the cpu and gpu overlays change in the base, and what they must leave alone.</summary>
public sealed class OverlayTests
{
    private const string Gpu = "nvidia.com/gpu";

    [Fact]
    public void GpuOverlay_SiloContainer_LimitsOneGpuOnTheCudaImage()
    {
        var manifests = Manifests.Of("gpu");
        var container = manifests.SiloContainer;
        Assert.Equal("scancluster/scan:cuda", container.Image);
        Assert.Equal("1", container.Resources.Limits[Gpu].ToString());
        Assert.Contains(manifests.Silo.Spec.Template.Spec.Tolerations ?? [], t => t.Key == Gpu);
    }

    [Fact]
    public void CpuOverlay_SiloContainer_RequestsCpuAndMemoryButNoGpu()
    {
        var manifests = Manifests.Of("cpu");
        var container = manifests.SiloContainer;
        Assert.Equal("scancluster/scan:cpu", container.Image);
        Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"));
        Assert.All(manifests.Deployments.SelectMany(d => d.Spec.Template.Spec.Containers), c =>
        {
            Assert.False(c.Resources?.Limits?.ContainsKey(Gpu) ?? false, c.Name);
            Assert.False(c.Resources?.Requests?.ContainsKey(Gpu) ?? false, c.Name);
        });
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("gpu")]
    public void Overlay_Patch_KeepsEverythingElseOfTheBaseSilo(string overlay)
    {
        var based = Manifests.Of("base").SiloContainer;
        var patched = Manifests.Of(overlay).SiloContainer;
        Assert.Equal(based.Env.Select(e => e.Name), patched.Env.Select(e => e.Name));
        Assert.Equal(based.Ports.Select(p => (p.Name, p.ContainerPort)), patched.Ports.Select(p => (p.Name, p.ContainerPort)));
        Assert.Equal(based.VolumeMounts.Select(m => m.MountPath), patched.VolumeMounts.Select(m => m.MountPath));
        Assert.Equal(based.LivenessProbe.HttpGet.Path, patched.LivenessProbe.HttpGet.Path);
        Assert.Equal(based.SecurityContext.ReadOnlyRootFilesystem, patched.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Single(Manifests.Of(overlay).Silo.Spec.Template.Spec.Containers);
    }

    [Fact]
    public void Overlays_Images_OnlyTheScanImageDiffers()
    {
        string[] Images(string variant) => Manifests.Of(variant).Deployments.OrderBy(d => d.Metadata.Name, StringComparer.Ordinal)
            .SelectMany(d => d.Spec.Template.Spec.Containers).Select(c => c.Image).ToArray();
        Assert.Equal(["scancluster/scan:cpu", "redis:7.4"], Images("cpu").Reverse());
        Assert.Equal(["scancluster/scan:cuda", "redis:7.4"], Images("gpu").Reverse());
    }
}

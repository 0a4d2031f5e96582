using k8s;
using k8s.Models;
using Scan.Core;

namespace Scan.Client.Kubernetes;

/// <summary>Creates a submitted Job after checking what only the cluster can tell: that it has the devices the job asks for.</summary>
public static class JobSubmission
{
    public static async Task<V1Job> SubmitAsync(IKubernetes api, V1Job job, int workers, CancellationToken cancellation)
    {
        var ns = job.Metadata.NamespaceProperty;
        if (workers > 0)
        {
            var silos = await KubernetesApi.CallAsync($"deployment {ClusterLayout.SiloDeployment} in namespace {ns}",
                () => api.AppsV1.ReadNamespacedDeploymentAsync(ClusterLayout.SiloDeployment, ns, cancellationToken: cancellation));
            var devices = Devices(silos);
            if (workers > devices)
            {
                throw new ScanInputException($"--workers {workers}: the cluster's silos have {devices} device(s) in all ({silos.Spec.Replicas ?? 1} silo(s)); ask for at most {devices}, or 0 for one per device.");
            }
        }
        return await KubernetesApi.CallAsync($"job {job.Metadata.Name} in namespace {ns}", () => api.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: cancellation));
    }

    /// <summary>Silo replicas times the GPUs each one gets (one worker per CPU-only silo).</summary>
    public static int Devices(V1Deployment silos)
    {
        var gpus = silos.Spec.Template.Spec.Containers
            .Select(c => c.Resources?.Limits is { } limits && limits.TryGetValue(ClusterLayout.GpuResource, out var quantity) ? (int)quantity.ToDecimal() : 0)
            .Sum();
        return (silos.Spec.Replicas ?? 1) * Math.Max(1, gpus);
    }
}

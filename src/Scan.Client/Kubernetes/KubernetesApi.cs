using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using Scan.Core;

namespace Scan.Client.Kubernetes;

/// <summary>The Kubernetes API as the client reaches it (a kubeconfig, or the pod's own credentials), with its failures turned into clear messages.</summary>
public static class KubernetesApi
{
    /// <summary>A client from <paramref name="kubeconfig"/>, else from inside a pod, else from $KUBECONFIG or ~/.kube/config.</summary>
    public static IKubernetes Connect(string? kubeconfig)
    {
        try
        {
            var configuration = kubeconfig is not null ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)
                : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile();
            return new k8s.Kubernetes(configuration);
        }
        catch (Exception e) when (e is KubeConfigException or FileNotFoundException or IOException)
        {
            throw new ScanInputException($"--kubeconfig {kubeconfig ?? "(default)"}: no usable Kubernetes configuration ({e.Message}).", e);
        }
    }

    /// <summary>Runs an API call; 403, 404, 409, other API errors and an unreachable server become input errors that say what happened.</summary>
    public static async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            var status = e.Response.StatusCode;
            throw new ScanInputException(status switch
            {
                HttpStatusCode.Forbidden => $"{what}: the Kubernetes API refused it (403 Forbidden): these credentials may not do that in this namespace.",
                HttpStatusCode.Unauthorized => $"{what}: the Kubernetes API did not accept these credentials (401 Unauthorized).",
                HttpStatusCode.Conflict => $"{what}: it already exists (409 Conflict).",
                HttpStatusCode.NotFound => $"{what}: not found (404); check the name and --namespace.",
                _ => $"{what}: the Kubernetes API answered {(int)status} {status}: {e.Response.Content}",
            }, e);
        }
        catch (HttpRequestException e)
        {
            throw new ScanInputException($"{what}: the Kubernetes API is unreachable ({e.Message}).", e);
        }
    }
}

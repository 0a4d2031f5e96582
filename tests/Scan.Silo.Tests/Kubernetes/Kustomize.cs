using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>Renders a kustomization with the real `kubectl kustomize` (kustomize v5) and parses the objects it prints.</summary>
internal static class Kustomize
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is not installed: the manifest tests render k8s/ with `kubectl kustomize` (kustomize v5).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                throw new TimeoutException($"kubectl kustomize {directory} did not finish within 60 s.");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidDataException($"kubectl kustomize {directory} failed ({process.ExitCode}): {errors.Result}");
            }
            return KubernetesYaml.LoadAllFromString(output.Result)
                .Select(o => o as IKubernetesObject<V1ObjectMeta> ?? throw new InvalidDataException($"{directory}: {o?.GetType().Name} is not a Kubernetes object."))
                .ToList();
        }
    }
}

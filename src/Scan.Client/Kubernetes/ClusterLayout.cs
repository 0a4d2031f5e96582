namespace Scan.Client.Kubernetes;

/// <summary>The names the manifests under k8s/ give the cluster's parts, which submitted Jobs rely on.</summary>
public static class ClusterLayout
{
    public const string Namespace = "scancluster";
    public const string RedisSecret = "scan-redis";
    public const string RedisSecretKey = "password";
    public const string RedisAddress = "scan-redis:6379";
    public const string SiloDeployment = "scan-silo";
    public const string ArtifactRoot = "/artifacts";
    public const string DataRoot = "/data";
    public const string DefaultData = "/data/fashion-mnist";
    public const string DefaultImage = "scancluster/scan:cpu";
    public const string GpuResource = "nvidia.com/gpu";
    public const string JobIdLabel = "scancluster.io/job";

    /// <summary>The client's --cluster inside the cluster; the password comes from the Secret as SCAN_REDISPASSWORD (any characters).</summary>
    public static string ClusterAddress => $"redis://{RedisAddress}";
}

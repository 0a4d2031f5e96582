namespace Scan.Grains.Jobs;

/// <summary>The grain-storage provider that holds job records and the job list.</summary>
public static class JobStorage
{
    public const string Name = "scan-jobs";
}

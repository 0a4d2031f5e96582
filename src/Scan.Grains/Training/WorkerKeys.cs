namespace Scan.Grains.Training;

/// <summary>The grain keys of a job's workers.</summary>
public static class WorkerKeys
{
    public static string Training(string jobId, int rank) => $"{jobId}/{rank}";

    public static string Evaluation(string jobId, int slot) => $"{jobId}/{slot}";
}

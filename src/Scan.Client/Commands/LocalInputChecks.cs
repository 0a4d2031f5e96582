using Scan.Core;
using Scan.Core.Explainers;
using Scan.Core.Models;
using Scan.Core.Training;

namespace Scan.Client.Commands;

/// <summary>
/// Input errors found in the client before a job starts, so that they read as one line and nothing is submitted:
/// what needs no file always; the paths when the job runs in this process (on a cluster they name the silos' files,
/// which the silos check).
/// </summary>
public static class LocalInputChecks
{
    public static void Evaluation(EvaluationRequest request)
    {
        if (request.Cluster is null)
        {
            Paths(request.Target, request.Decoder, request.Data);
        }
        if (request.Methods.Contains("scan"))
        {
            ScanExplainer.RequireDecoder(request.Decoder);
        }
    }

    public static void Training(TrainRequest request)
    {
        if (request.Cluster is null)
        {
            Paths(request.Target, decoder: null, request.Data);
        }
    }

    private static void Paths(string target, string? decoder, string data)
    {
        TargetDescription.Read(target);
        if (decoder is not null && !DecoderStore.Exists(decoder))
        {
            throw new ScanInputException(File.Exists(Path.Combine(decoder, TargetDescription.FileName))
                ? $"--decoder {decoder} is a target, not a decoder; give the directory `scan train --out` wrote."
                : $"--decoder {decoder} is not a trained decoder: it needs {DecoderDescription.FileName} (made by `scan train`).");
        }
        if (!Directory.Exists(data))
        {
            throw new ScanInputException($"--data {data}: no such directory.");
        }
    }
}

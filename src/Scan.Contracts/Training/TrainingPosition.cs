namespace Scan.Core.Training;

/// <summary>Where a training job stands: the next step to run (global, and within its epoch) and the history so far.</summary>
[GenerateSerializer, Immutable, Alias("scan.TrainingPosition")]
public sealed record TrainingPosition([Id(0)] int Epoch, [Id(1)] int StepInEpoch, [Id(2)] long GlobalStep, [Id(3)] EpochSummary[] History)
{
    public static TrainingPosition Start { get; } = new(0, 0, 0, []);
}

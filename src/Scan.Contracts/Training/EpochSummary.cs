namespace Scan.Core.Training;

/// <summary>
/// One epoch's figures: mean loss, mean confidence-map area, throughput, and on the held-out validation images SCAN's
/// AUC-D and a random map's (null without validation).
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.EpochSummary")]
public sealed record EpochSummary([Id(0)] int Epoch, [Id(1)] double Loss, [Id(2)] double MeanArea, [Id(3)] double SamplesPerSecond,
    [Id(4)] double Seconds, [Id(5)] double? ValidationAucD = null, [Id(6)] double? RandomAucD = null);

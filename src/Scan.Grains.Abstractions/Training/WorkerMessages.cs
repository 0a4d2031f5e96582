namespace Scan.Grains.Abstractions.Training;

/// <summary>What a training worker loads: its rank among <paramref name="Workers"/> and the job's request.</summary>
[GenerateSerializer, Immutable, Alias("scan.WorkerSetup")]
public sealed record WorkerSetup(
    [Id(0)] string JobId,
    [Id(1)] int Rank,
    [Id(2)] int Workers,
    [Id(3)] TrainJobRequest Request);

/// <summary>A loaded worker: the silo it runs on, its flat gradient's length and the training samples the job uses.</summary>
[GenerateSerializer, Immutable, Alias("scan.WorkerReady")]
public sealed record WorkerReady(
    [Id(0)] string Silo,
    [Id(1)] int GradientLength,
    [Id(2)] int SampleCount);

/// <summary>
/// One worker's part of a global step: its slice of the global batch (data-set indices), the global batch size that
/// divides the summed loss, and the step's learning rate.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.WorkerStep")]
public sealed record WorkerStep(
    [Id(0)] int Epoch,
    [Id(1)] long GlobalStep,
    [Id(2)] int[] Indices,
    [Id(3)] int GlobalBatch,
    [Id(4)] double LearningRate);

/// <summary>
/// A worker's figures for one step: its share of the batch loss (already divided by the global batch), its summed
/// confidence area, its sample count, and the seconds it spent exchanging gradients.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.WorkerStepResult")]
public sealed record WorkerStepResult(
    [Id(0)] double Loss,
    [Id(1)] double AreaSum,
    [Id(2)] int Samples,
    [Id(3)] double ExchangeSeconds);

/// <summary>
/// A piece of a flat gradient vector in flight: floats [<paramref name="Offset"/>, Offset + n) of step
/// <paramref name="GlobalStep"/> from worker <paramref name="FromRank"/>, as raw little-endian float32 bytes.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.GradientChunk")]
public sealed record GradientChunk(
    [Id(0)] long GlobalStep,
    [Id(1)] int FromRank,
    [Id(2)] int Offset,
    [Id(3)] byte[] Data);

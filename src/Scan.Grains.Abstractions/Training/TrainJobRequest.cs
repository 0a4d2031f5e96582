using Scan.Core;
using Scan.Core.Training;

namespace Scan.Grains.Abstractions.Training;

/// <summary>
/// A decoder-training job: the target and output directories (under the cluster's artifact root), the layer, the SCAN
/// settings and training options, the data set each worker opens from its own path,
/// and how many data-parallel workers share each global batch. <paramref name="ContinuesJob"/> names the job whose
/// checkpoint a resumed job continues (`scan train --resume JOB`): the output directory must have been that job's.
/// </summary>
[GenerateSerializer, Immutable, Alias("scan.TrainJobRequest")]
public sealed record TrainJobRequest(
    [Id(0)] string Target,
    [Id(1)] string Output,
    [Id(2)] bool Resume,
    [Id(3)] string? Layer,
    [Id(4)] ScanSettings Settings,
    [Id(5)] DecoderTrainingOptions Options,
    [Id(6)] string Data,
    [Id(7)] bool SkipBadFiles,
    [Id(8)] string Device,
    [Id(9)] int Workers,
    [Id(10)] string? ContinuesJob = null);

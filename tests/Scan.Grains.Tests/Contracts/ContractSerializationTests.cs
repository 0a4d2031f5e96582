using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Scan.Core;
using Scan.Core.Evaluation;
using Scan.Core.Explainers;
using Scan.Core.Metrics;
using Scan.Core.Training;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Tests.Contracts;

/// <summary>The records that cross grain calls survive Orleans' serializer whole, and no grain contract carries JSON in a string.</summary>
public sealed class ContractSerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ScanSettings).Assembly).AddAssembly(typeof(JobStatus).Assembly))
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    /// <summary>Every public property, nested ones included, as the decoder files write them.</summary>
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, DecoderDescription.Json);

    private static readonly ScanSettings Settings = new()
    {
        Alpha = 8, StretchConstant = 0.15, ConfidenceWeight = ConfidenceWeight.Equation9, MaskGradient = MaskGradient.LabelLogit,
        ResidualDecoderWidths = [96, 64, 32], BlurVariant = BlurVariant.Reference, FullResolutionModules = 1,
    };

    private static readonly DecoderTrainingOptions Options = new() { Epochs = 3, BatchSize = 40, Limit = 640, Seed = 7, CheckpointEverySteps = 4, ValidationImages = 0 };

    private static readonly EpochSummary[] History = [new(1, 0.52, 0.21, 310.5, 64.2, 41.3, 0.4), new(2, 0.47, 0.2, 305, 65.8)];

    private static EvaluationTotals Totals()
    {
        static PerturbationCounts Counts(long shift) => new(20, [.. Enumerable.Range(0, PerturbationCounts.Steps).Select(i => 20 - i - shift)], [.. Enumerable.Range(0, PerturbationCounts.Steps).Select(i => 20 - (i / 2))]);
        MethodTotals Method(long shift) => new(Counts(shift), new ConfidenceChangeCounts(20, 123_456_789_012 + shift, 3), new DropRanking(20, [4, 9], [16, 2], [11, 9]),
            TimeSpan.FromTicks(1_234_567 + shift), [Counts(shift), Counts(shift + 1)], new LocalisationCounts(20, 7 + shift, 9_100_000, 4_300_000));
        return new EvaluationTotals(["scan", "gradcam"], [Method(0), Method(1)]);
    }

    [Fact]
    public void TrainJobRequest_KeepsItsSettingsAndOptions()
    {
        var request = new TrainJobRequest("runs/target", "runs/decoder", false, "layer3", Settings, Options, "runs/natural", true, "cpu", 2);

        var copy = RoundTrip(request);

        Assert.Equal(Json(request), Json(copy));
        Assert.Equal(Options, copy.Options);
        Assert.Equal([96, 64, 32], copy.Settings.ResidualDecoderWidths);
        Assert.Equal(ConfidenceWeight.Equation9, copy.Settings.ConfidenceWeight);
    }

    [Fact]
    public void DefaultSettings_WithTheirDefaultWidthLists_RoundTrip() =>
        Assert.Equal(Json(new ScanSettings()), Json(RoundTrip(new ScanSettings())));

    [Fact]
    public void TrainingPositionAndHistory_RoundTrip()
    {
        var position = new TrainingPosition(2, 5, 17, History);

        var copy = RoundTrip(position);

        Assert.Equal((2, 5, 17L), (copy.Epoch, copy.StepInEpoch, copy.GlobalStep));
        Assert.Equal(History, copy.History);
        Assert.Equal(new ValidationScore(41.3, 0.4), RoundTrip(new ValidationScore(41.3, 0.4)));
    }

    [Fact]
    public void EvaluationTotals_RoundTripToTheSameReport()
    {
        var totals = Totals();

        var copy = RoundTrip(totals);

        Assert.Equal(Json(totals), Json(copy));
        Assert.Equal(EvaluationReport.From(totals, "gradcam").ToJson(), EvaluationReport.From(copy, "gradcam").ToJson());
    }

    [Fact]
    public void JobStatus_KeepsItsResult()
    {
        var trained = new JobStatus("train-1", "train", JobState.Succeeded, 10, 10, 3.5, "done", null, new JobResult(History: History), 2);
        var evaluated = trained with { JobId = "evaluate-1", Kind = "evaluate", Result = new JobResult(Evaluation: Totals()) };

        Assert.Equal(History, RoundTrip(trained).Result!.History);
        Assert.Equal(Json(Totals()), Json(RoundTrip(evaluated).Result!.Evaluation));
    }

    [Fact]
    public void EvaluateJobRequest_KeepsItsPerturbationSettings()
    {
        var request = new EvaluateJobRequest("runs/target", "runs/decoder", ["scan", "rise"], 500, 16, 90, "runs/natural", false, "layer3", "cpu", 1, "gradcam", 3,
            new PerturbationExplainerSettings { RiseMasks = 700, LimeSegments = 30 }, 2, 250);

        Assert.Equal(request.Perturbation, RoundTrip(request).Perturbation);
    }

    [Fact]
    public void GrainContracts_CarryNoJsonStrings()
    {
        var assembly = typeof(ITrainingJobGrain).Assembly;
        var named = assembly.GetTypes()
            .SelectMany(t => t.GetProperties().Select(p => $"{t.Name}.{p.Name}")
                .Concat(t.GetMethods().SelectMany(m => m.GetParameters().Select(p => $"{t.Name}.{m.Name}({p.Name})"))))
            .ToList();

        Assert.Contains("TrainJobRequest.Settings", named);
        Assert.DoesNotContain(named, n => n.Contains("json", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(assembly.GetTypes().Where(t => t.IsInterface).SelectMany(t => t.GetMethods())
            .Where(m => m.ReturnType == typeof(Task<string>)).Select(m => $"{m.DeclaringType!.Name}.{m.Name}"));
    }
}

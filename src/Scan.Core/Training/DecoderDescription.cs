using System.Text.Json;
using System.Text.Json.Serialization;
using Scan.Core.Data;
using Scan.Core.Models;

namespace Scan.Core.Training;

/// <summary>
/// <c>decoder.json</c>: what a trained decoder explains (the target's architecture and layer, the feature layout it
/// reads), the SCAN settings and training options it was trained with, and one line of figures per epoch.
/// </summary>
public sealed record DecoderDescription(
    string TargetArchitecture,
    string Layer,
    FeatureLayout Layout,
    ImageShape InputShape,
    ScanSettings Settings,
    DecoderTrainingOptions Training,
    IReadOnlyList<EpochSummary> History)
{
    /// <summary>SHA-256 of decoder.safetensors, checked when it loads (null in decoders written before it was recorded).</summary>
    public string? WeightsSha256 { get; init; }

    public const string FileName = "decoder.json";
    public const string WeightsFileName = "decoder.safetensors";

    /// <summary>First-round decoders kept their parameters in TorchSharp's format; they still load.</summary>
    public const string LegacyWeightsFileName = "decoder.bin";
    public const string CheckpointFileName = "checkpoint.bin";

    /// <summary>The best validated epoch's weights while a job trains; they become decoder.safetensors at its end.</summary>
    public const string BestWeightsFileName = "best.safetensors";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DecoderDescription FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<DecoderDescription>(json, Json)
                ?? throw new ScanInputException($"{source} is empty.");
        }
        catch (JsonException e)
        {
            throw new ScanInputException($"{source} is not a valid decoder description: {e.Message}");
        }
    }

    /// <summary>Throws when this decoder cannot read <paramref name="target"/>'s features at its layer.</summary>
    public void CheckMatches(TargetModel target, string source)
    {
        if (target.Description.Architecture != TargetArchitecture || !target.LayerNames.Contains(Layer) || target.LayoutOf(Layer) != Layout)
        {
            throw new ScanInputException(
                $"{source} was trained on a {TargetArchitecture} target's layer {Layer} ({Layout.Kind} {Layout.Channels}×{Layout.Grid}×{Layout.Grid}); the target given does not have those features.");
        }
    }
}


using System.Text.Json;

namespace Scan.Core.Training;

/// <summary>The JSON that carries Scan.Core's training types through grain messages, in the decoder files' format.</summary>
public static class TrainingJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, DecoderDescription.Json);

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, DecoderDescription.Json) ?? throw new ScanInputException($"{what}: empty JSON.");
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Scan.Core.Data;

namespace Scan.Core.Models;

/// <summary>
/// <c>target.json</c>: everything needed to rebuild a target model and feed it — architecture and its sizes,
/// the splittable layers, the input it expects and how to normalise it, its classes and its measured accuracy.
/// </summary>
public sealed record TargetDescription(
    string Architecture,
    IReadOnlyList<string> Layers,
    string DefaultLayer,
    ImageShape InputShape,
    Normalization Normalization,
    IReadOnlyList<string> ClassNames,
    IReadOnlyDictionary<string, int> Hyperparameters,
    double? TestAccuracy,
    string DataSet,
    string Preprocessing)
{
    public const string FileName = "target.json";

    /// <summary>
    /// Set for imported ImageNet-style targets: image files are resized to this shorter side, then centre-cropped to
    /// the input shape (torchvision's evaluation transform); null: stretched to the input shape.
    /// </summary>
    public int? ResizeShorterSide { get; init; }

    /// <summary>
    /// Pixels of black padding that training added on every side of each image (Fashion-MNIST's 28×28 to 32×32: 2); a
    /// user's image is fitted, aspect ratio kept, into the input less the padding, then padded the same way. Targets
    /// written before it was recorded: see <see cref="PaddingPixels"/>.
    /// </summary>
    public int? ImagePadding { get; init; }

    /// <summary><see cref="ImagePadding"/>, or for a target written before it was recorded, Fashion-MNIST's padding when its preprocessing names it.</summary>
    public int PaddingPixels() => ImagePadding
        ?? (Preprocessing.StartsWith("Fashion-MNIST 28×28", StringComparison.Ordinal) ? FashionMnistDataset.Padding : 0);

    /// <summary>SHA-256 of weights.safetensors, checked when it loads (null in targets written before it was recorded).</summary>
    public string? WeightsSha256 { get; init; }

    public const string WeightsFileName = "weights.safetensors";
    public const string LegacyWeightsFileName = "weights.bin";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads <c>DIR/target.json</c>, with errors that name the file and what is wrong.</summary>
    public static TargetDescription Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!Directory.Exists(directory))
        {
            throw new ScanInputException($"Target directory {directory} does not exist.");
        }
        if (!File.Exists(path))
        {
            throw new ScanInputException($"{directory} is not a target model: it has no {FileName} (make one with `scan train-target`).");
        }
        TargetDescription? description;
        try
        {
            description = JsonSerializer.Deserialize<TargetDescription>(ArtifactFile.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ScanInputException($"{path} is not a valid target description: {e.Message}");
        }
        if (description is null || string.IsNullOrEmpty(description.Architecture) || description.Layers is null ||
            description.InputShape is null || description.Normalization is null || description.ClassNames is null)
        {
            throw new ScanInputException($"{path} lacks architecture, layers, input_shape, normalization or class_names.");
        }
        return description;
    }

    public void Write(string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));
    }

    public int Hyperparameter(string name) => Hyperparameters.TryGetValue(name, out var value)
        ? value
        : throw new ScanInputException($"{FileName} for architecture {Architecture} lacks the hyperparameter {name}.");
}

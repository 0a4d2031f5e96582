using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Scan.Core.Models.Imported;

/// <summary>
/// Reads a model's weights, name → tensor, from a file PyTorch wrote: <c>.safetensors</c>, a <c>.pt</c>/<c>.pth</c>
/// pickle of a <c>state_dict</c> (also one kept under "state_dict" or "model" in a training checkpoint), or an ONNX
/// graph (<see cref="OnnxWeights"/>). A DataParallel "module." prefix is removed. Errors name the file and what is
/// wrong with it.
/// </summary>
public static class StateDictFile
{
    public static IReadOnlyList<string> Extensions { get; } = [".safetensors", ".pt", ".pth", ".onnx"];

    /// <summary>The tensors of <paramref name="path"/>; an ONNX graph is read as <paramref name="architecture"/>, whose state_dict names are <paramref name="expectedNames"/>.</summary>
    public static Dictionary<string, Tensor> Read(string path, string? architecture = null, IReadOnlyCollection<string>? expectedNames = null)
    {
        if (!File.Exists(path))
        {
            throw new ScanInputException($"Weights file {path} does not exist.");
        }
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var tensors = extension switch
        {
            ".safetensors" => Guard(path, "a safetensors file", () => Safetensors.LoadStateDict(path)),
            ".pt" or ".pth" => Guard(path, "a PyTorch state_dict saved with torch.save", () => FromPickle(path, PyTorchUnpickler.UnpickleStateDict(path))),
            ".onnx" when architecture is not null && expectedNames is not null => OnnxWeights.Read(path, architecture, expectedNames),
            _ => throw new ScanInputException($"Weights file {path}: unknown kind '{extension}'; give one of {string.Join(", ", Extensions)}."),
        };
        if (tensors.Count == 0)
        {
            throw new ScanInputException($"Weights file {path} holds no tensors.");
        }
        return WithoutDataParallelPrefix(tensors);
    }

    /// <summary>The tensors of safetensors <paramref name="content"/>, read from <paramref name="path"/>.</summary>
    public static Dictionary<string, Tensor> ReadSafetensors(Stream content, string path) =>
        WithoutDataParallelPrefix(Guard(path, "a safetensors file", () => Safetensors.LoadStateDict(content, leaveOpen: true)));

    private static Dictionary<string, Tensor> Guard(string path, string kind, Func<Dictionary<string, Tensor>> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not ScanInputException and not OutOfMemoryException)
        {
            throw new ScanInputException($"Weights file {path} is not {kind} (it may be truncated): {e.Message}", e);
        }
    }

    private static Dictionary<string, Tensor> FromPickle(string path, Hashtable table)
    {
        foreach (var key in new[] { "state_dict", "model" })
        {
            if (table[key] is Hashtable nested)
            {
                table = nested;
                break;
            }
        }
        var tensors = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is not Tensor tensor)
            {
                throw new ScanInputException(
                    $"Weights file {path}: entry '{entry.Key}' is a {entry.Value?.GetType().Name ?? "null"}, not a tensor; save the model's state_dict (torch.save(model.state_dict(), FILE)).");
            }
            tensors[(string)entry.Key] = tensor;
        }
        return tensors;
    }

    private static Dictionary<string, Tensor> WithoutDataParallelPrefix(Dictionary<string, Tensor> tensors)
    {
        const string prefix = "module.";
        return tensors.Keys.All(name => name.StartsWith(prefix, StringComparison.Ordinal))
            ? tensors.ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value)
            : tensors;
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models.Imported;

/// <summary>
/// Copies named tensors into a module after checking that they are exactly its state: every missing, extra or
/// mis-shaped tensor is named with both shapes, and nothing is copied unless all match. BatchNorm's
/// <c>num_batches_tracked</c> counters, which do not affect evaluation, may be absent on either side.
/// </summary>
public static class StateDictLoader
{
    private const int ShownProblems = 8;

    /// <summary>Checks and copies; tensors in <paramref name="mayBeMissing"/> keep the module's own values when the file lacks them.</summary>
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, string source, string architecture,
        IReadOnlySet<string>? mayBeMissing = null)
    {
        var expected = module.state_dict();
        var problems = new List<string>();
        foreach (var (name, tensor) in expected)
        {
            if (!tensors.TryGetValue(name, out var given))
            {
                if (!IsCounter(name) && mayBeMissing?.Contains(name) != true)
                {
                    problems.Add($"'{name}' {Shape(tensor)} is missing");
                }
            }
            else if (!given.shape.SequenceEqual(tensor.shape))
            {
                problems.Add($"'{name}' is {Shape(given)} in the file but {Shape(tensor)} in a {architecture}");
            }
        }
        problems.AddRange(tensors.Where(entry => !expected.ContainsKey(entry.Key) && !IsCounter(entry.Key))
            .Select(entry => $"'{entry.Key}' {Shape(entry.Value)} is not a tensor of a {architecture}"));
        if (problems.Count > 0)
        {
            var shown = string.Join("; ", problems.Take(ShownProblems));
            var more = problems.Count > ShownProblems ? $"; and {problems.Count - ShownProblems} more" : "";
            throw new ScanInputException($"{source} does not hold the weights of a {architecture}: {shown}{more}.");
        }
        using var noGrad = no_grad();
        foreach (var (name, tensor) in expected)
        {
            if (tensors.TryGetValue(name, out var given))
            {
                tensor.copy_(given.to(tensor.dtype));
            }
        }
    }

    /// <summary><see cref="Load"/> from safetensors content read from <paramref name="path"/>, releasing its tensors afterwards.</summary>
    public static void LoadSafetensors(nn.Module module, Stream content, string path, string architecture)
    {
        var tensors = StateDictFile.ReadSafetensors(content, path);
        try
        {
            Load(module, tensors, path, architecture);
        }
        finally
        {
            Release(tensors);
        }
    }

    /// <summary>Disposes tensors read from a weights file.</summary>
    public static void Release(IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }

    /// <summary>BatchNorm's <c>num_batches_tracked</c>, which evaluation does not use.</summary>
    public static bool IsCounter(string name) => name.EndsWith("num_batches_tracked", StringComparison.Ordinal);

    private static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}

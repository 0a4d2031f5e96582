namespace Scan.Core.Models.Imported;

/// <summary>What `scan import` is given: the architecture, its weights, optional class names (one per line) and the input side.</summary>
public sealed record ImportRequest(string Architecture, string Weights, string? Classes, int ImageSize, string Output);

/// <summary>
/// Turns a classifier trained in PyTorch into a target directory that every command accepts: the weights are checked
/// tensor by tensor against the architecture, the head's size against the class names, and the directory is written
/// only when everything matched (weights first, target.json last, each atomically).
/// </summary>
public static class ModelImporter
{
    public static TargetDescription Import(ImportRequest request)
    {
        if (request.ImageSize < 32)
        {
            throw new ScanInputException($"--image-size {request.ImageSize}: an imported model needs images of at least 32×32.");
        }
        if (Directory.Exists(request.Output) && Directory.EnumerateFileSystemEntries(request.Output).Any())
        {
            throw new ScanInputException($"--out {request.Output} exists and is not empty; give a new directory.");
        }
        var headWeight = TorchVisionArchitectures.HeadWeight(request.Architecture);
        var tensors = StateDictFile.Read(request.Weights);
        if (request.Architecture == "vit_b_16" && TimmVisionTransformerNames.AreTimm(tensors))
        {
            tensors = TimmVisionTransformerNames.ToTorchVision(tensors);
        }
        try
        {
            if (!tensors.TryGetValue(headWeight, out var head) || head.dim() != 2)
            {
                throw new ScanInputException($"{request.Weights} has no classifier weight '{headWeight}' [classes, features]: it does not hold a {request.Architecture}.");
            }
            var classNames = ClassNames(request.Classes, (int)head.shape[0]);
            using var module = TorchVisionArchitectures.Create(request.Architecture, classNames.Count, request.ImageSize);
            StateDictLoader.Load(module, tensors, request.Weights, request.Architecture);
            var description = TorchVisionArchitectures.Describe(request.Architecture, classNames, request.ImageSize,
                $"imported from {Path.GetFullPath(request.Weights)}");
            TargetStore.Save(module, description, request.Output);
            return description;
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    private static IReadOnlyList<string> ClassNames(string? path, int headSize)
    {
        if (path is null)
        {
            return [.. Enumerable.Range(0, headSize).Select(index => index.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }
        if (!File.Exists(path))
        {
            throw new ScanInputException($"--classes {path} does not exist.");
        }
        var names = File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        if (names.Count != headSize)
        {
            throw new ScanInputException($"--classes {path} names {names.Count} classes, but the model's head has {headSize} outputs.");
        }
        var duplicate = names.GroupBy(name => name).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null ? names : throw new ScanInputException($"--classes {path} names '{duplicate.Key}' more than once.");
    }
}

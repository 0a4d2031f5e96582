namespace Scan.Core.Models.Imported;

/// <summary>What `scan import` is given: the architecture, its weights, optional class names (one per line) and the input side.</summary>
public sealed record ImportRequest(string Architecture, string Weights, string? Classes, int ImageSize, string Output);

/// <summary>The imported target's description, and whether its classifier head is new (the weights had none).</summary>
public sealed record ImportResult(TargetDescription Description, bool NewHead);

/// <summary>
/// Turns a classifier trained in PyTorch into a target directory that every command accepts: the weights are checked
/// tensor by tensor against the architecture, the head's size against the class names, and the directory is written
/// only when everything matched (weights first, target.json last, each atomically).
/// </summary>
public static class ModelImporter
{
    public static ImportResult Import(ImportRequest request)
    {
        if (request.ImageSize < 32)
        {
            throw new ScanInputException($"--image-size {request.ImageSize}: an imported model needs images of at least 32×32.");
        }
        TargetStore.RequireNewDirectory(request.Output);
        var architecture = request.Architecture;
        var headWeight = TorchVisionArchitectures.HeadWeight(architecture);
        var isOnnx = Path.GetExtension(request.Weights).Equals(".onnx", StringComparison.OrdinalIgnoreCase);
        var tensors = StateDictFile.Read(request.Weights, architecture, isOnnx ? TorchVisionArchitectures.BodyTensors(architecture, request.ImageSize) : null);
        if (architecture == "vit_b_16" && TimmVisionTransformerNames.AreTimm(tensors))
        {
            tensors = TimmVisionTransformerNames.ToTorchVision(tensors);
        }
        if (TorchVisionArchitectures.StemAdapter(architecture) is { } adapt && tensors.TryGetValue("conv1.weight", out var stem))
        {
            tensors["conv1.weight"] = adapt(stem);
            stem.Dispose();
        }
        try
        {
            var hasHead = tensors.TryGetValue(headWeight, out var head);
            if (hasHead && head!.dim() != 2)
            {
                throw new ScanInputException($"{request.Weights}: the classifier weight '{headWeight}' has shape [{string.Join(", ", head.shape)}], not [classes, features].");
            }
            if (!hasHead && request.Classes is null)
            {
                throw new ScanInputException(
                    $"{request.Weights} has no classifier head ('{headWeight}'): give --classes FILE to put a new, untrained head of that many classes on it.");
            }
            var classNames = ClassNames(request.Classes, hasHead ? (int)head!.shape[0] : null);
            using var module = TorchVisionArchitectures.Create(architecture, classNames.Count, request.ImageSize);
            var newHead = hasHead ? null : TorchVisionArchitectures.HeadTensors(architecture);
            StateDictLoader.Load(module, tensors, request.Weights, architecture, newHead);
            if (newHead is not null)
            {
                ZeroHead(module, newHead);
            }
            var source = $"imported from {Path.GetFullPath(request.Weights)}" + (hasHead ? "" : "; its classifier head is new and untrained");
            var description = TorchVisionArchitectures.Describe(architecture, module, classNames, request.ImageSize, source);
            TargetStore.Save(module, description, request.Output);
            return new ImportResult(description, NewHead: !hasHead);
        }
        finally
        {
            StateDictLoader.Release(tensors);
        }
    }

    /// <summary>
    /// A new head starts at zero rather than at libtorch's unseeded random initialisation, so that importing the same
    /// file twice writes the same target (and `scan train-head` after it gives the same head); a linear probe's loss is
    /// convex, so zero is as good a start as any.
    /// </summary>
    private static void ZeroHead(TorchSharp.torch.nn.Module module, IReadOnlySet<string> head)
    {
        using var noGrad = TorchSharp.torch.no_grad();
        foreach (var (name, parameter) in module.named_parameters().Where(p => head.Contains(p.name)))
        {
            parameter.zero_();
        }
    }

    /// <summary>The class names: from the file (as many as the head has outputs, when it has one), else 0, 1, ….</summary>
    private static IReadOnlyList<string> ClassNames(string? path, int? headSize)
    {
        if (path is null)
        {
            return [.. Enumerable.Range(0, headSize!.Value).Select(index => index.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }
        if (!File.Exists(path))
        {
            throw new ScanInputException($"--classes {path} does not exist.");
        }
        var names = File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        if (headSize is null && names.Count < 2)
        {
            throw new ScanInputException($"--classes {path} names {names.Count} classes; a classifier needs at least 2.");
        }
        if (headSize is not null && names.Count != headSize)
        {
            throw new ScanInputException($"--classes {path} names {names.Count} classes, but the model's head has {headSize} outputs.");
        }
        var duplicate = names.GroupBy(name => name).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null ? names : throw new ScanInputException($"--classes {path} names '{duplicate.Key}' more than once.");
    }
}

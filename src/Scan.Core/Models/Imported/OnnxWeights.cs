using Onnx;
using static TorchSharp.torch;

namespace Scan.Core.Models.Imported;

/// <summary>
/// A ResNet's weights from an ONNX graph, under torchvision's names. Initializers already named as the state_dict
/// (PyTorch's export) are taken as they are; otherwise a graph of unfused Conv → BatchNormalization pairs is read by
/// its structure, which determines the names of a BasicBlock ResNet (resnet18, resnet34, mlnet_resnet18): the 7×7 stem, then the
/// 3×3 convolutions in graph order (conv1, conv2 of each block, layer by layer) and the 1×1 shortcut convolutions of
/// the first blocks of layer2–layer4. Graphs that are neither are refused, naming what does not fit.
/// </summary>
public static class OnnxWeights
{
    private static readonly Dictionary<string, int[]> BasicBlocks = new()
    {
        ["resnet18"] = [2, 2, 2, 2],
        ["resnet34"] = [3, 4, 6, 3],
        ["mlnet_resnet18"] = [2, 2, 2, 3],
    };

    public static Dictionary<string, Tensor> Read(string path, string architecture, IReadOnlyCollection<string> expectedNames)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFromFile(path);
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or IOException)
        {
            throw new ScanInputException($"Weights file {path} is not an ONNX model (it may be truncated): {e.Message}", e);
        }
        var initializers = model.Graph.Initializer.ToDictionary(tensor => tensor.Name);
        if (expectedNames.All(initializers.ContainsKey))
        {
            return expectedNames.ToDictionary(name => name, name => ToTensor(initializers[name], path));
        }
        if (!BasicBlocks.TryGetValue(architecture, out var blocks))
        {
            throw new ScanInputException(
                $"{path}: its initializers are not named as a {architecture}'s state_dict, and only {string.Join(" and ", BasicBlocks.Keys)} graphs can be read by their structure; export the model with PyTorch's torch.onnx.export or save its state_dict.");
        }
        return ByStructure(path, model.Graph, initializers, architecture, blocks);
    }

    private static Dictionary<string, Tensor> ByStructure(string path, GraphProto graph, Dictionary<string, TensorProto> initializers, string architecture, int[] blocks)
    {
        var convolutions = graph.Node.Where(node => node.OpType == "Conv").ToList();
        var kernels = convolutions.Select(node => Weight(node, initializers, path).Dims.Skip(2).ToArray()).ToList();
        var stems = convolutions.Where((_, i) => kernels[i].SequenceEqual([7L, 7L])).ToList();
        var body = convolutions.Where((_, i) => kernels[i].SequenceEqual([3L, 3L])).ToList();
        var shortcuts = convolutions.Where((_, i) => kernels[i].SequenceEqual([1L, 1L])).ToList();
        var expected = 2 * blocks.Sum();
        if (stems.Count != 1 || body.Count != expected || shortcuts.Count != 3 || stems.Count + body.Count + shortcuts.Count != convolutions.Count)
        {
            throw new ScanInputException(
                $"{path} is not a {architecture}: it has {stems.Count} 7×7, {body.Count} 3×3 and {shortcuts.Count} 1×1 convolutions of {convolutions.Count} (a {architecture} has 1, {expected} and 3).");
        }
        var names = new List<(NodeProto Convolution, string Name)> { (stems[0], "conv1") };
        var next = 0;
        for (var layer = 0; layer < blocks.Length; layer++)
        {
            for (var block = 0; block < blocks[layer]; block++)
            {
                names.Add((body[next++], $"layer{layer + 1}.{block}.conv1"));
                names.Add((body[next++], $"layer{layer + 1}.{block}.conv2"));
            }
        }
        names.AddRange(shortcuts.Select((node, i) => (node, $"layer{i + 2}.0.downsample.0")));

        var tensors = new Dictionary<string, Tensor>();
        foreach (var (convolution, name) in names)
        {
            if (convolution.Input.Count > 2)
            {
                throw new ScanInputException($"{path}: convolution {convolution.Name} ({name}) has a bias, so its BatchNormalization was folded into it; a {architecture} needs the unfused graph.");
            }
            tensors[name + ".weight"] = ToTensor(Weight(convolution, initializers, path), path);
            var norm = graph.Node.FirstOrDefault(node => node.OpType == "BatchNormalization" && node.Input[0] == convolution.Output[0])
                ?? throw new ScanInputException($"{path}: convolution {convolution.Name} ({name}) is not followed by a BatchNormalization.");
            var prefix = name.EndsWith(".downsample.0", StringComparison.Ordinal) ? name[..^1] + "1" : name.Replace("conv", "bn", StringComparison.Ordinal);
            string[] parts = ["weight", "bias", "running_mean", "running_var"];
            for (var part = 0; part < parts.Length; part++)
            {
                tensors[$"{prefix}.{parts[part]}"] = ToTensor(Initializer(norm.Input[part + 1], initializers, path), path);
            }
        }
        return tensors;
    }

    private static TensorProto Weight(NodeProto convolution, Dictionary<string, TensorProto> initializers, string path) =>
        Initializer(convolution.Input[1], initializers, path);

    private static TensorProto Initializer(string name, Dictionary<string, TensorProto> initializers, string path) =>
        initializers.TryGetValue(name, out var tensor)
            ? tensor
            : throw new ScanInputException($"{path}: '{name}' is computed in the graph, not stored as an initializer; only stored weights can be imported.");

    private static Tensor ToTensor(TensorProto proto, string path)
    {
        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new ScanInputException($"{path}: initializer '{proto.Name}' holds {(TensorProto.Types.DataType)proto.DataType} values; only float32 weights can be imported.");
        }
        var values = proto.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(proto.RawData.Span).ToArray()
            : [.. proto.FloatData];
        var shape = proto.Dims.ToArray();
        if (values.Length != shape.Aggregate(1L, (product, dim) => product * dim))
        {
            throw new ScanInputException($"{path}: initializer '{proto.Name}' holds {values.Length} values for the shape [{string.Join(", ", shape)}].");
        }
        return tensor(values).reshape(shape);
    }
}

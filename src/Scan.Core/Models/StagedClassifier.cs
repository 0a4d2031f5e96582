using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// A classifier that is a chain of named stages followed by a head: the output of each stage is a layer SCAN can
/// explain, under a short name ("stage3", "block6") for the module <c>stages.i</c>.
/// </summary>
public abstract class StagedClassifier : nn.Module<Tensor, Tensor>, ILayeredClassifier
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> _stages;
    private readonly nn.Module<Tensor, Tensor> _head;
    private readonly string[] _layerNames;

    protected StagedClassifier(
        string name,
        IReadOnlyList<(string Layer, nn.Module<Tensor, Tensor> Stage)> stages,
        nn.Module<Tensor, Tensor> head,
        string defaultLayer)
        : base(name)
    {
        _layerNames = [.. stages.Select(stage => stage.Layer)];
        if (!_layerNames.Contains(defaultLayer))
        {
            throw new ArgumentException($"Default layer '{defaultLayer}' is not one of {string.Join(", ", _layerNames)}.", nameof(defaultLayer));
        }
        DefaultLayer = defaultLayer;
        _stages = nn.ModuleList([.. stages.Select(stage => stage.Stage)]);
        _head = head;
        // Registered by name: RegisterComponents() reflects over the derived type, which does not see these private fields.
        register_module("stages", _stages);
        register_module("head", _head);
    }

    public IReadOnlyList<string> LayerNames => _layerNames;

    public string DefaultLayer { get; }

    protected IReadOnlyList<nn.Module<Tensor, Tensor>> Stages => _stages.ToArray();

    protected nn.Module<Tensor, Tensor> Head => _head;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _head.call(RunStages(input, 0, _stages.Count - 1)).MoveToOuterDisposeScope();
    }

    /// <summary>Stage i is registered as <c>stages.i</c>.</summary>
    public string ModulePath(string layer) => $"stages.{IndexOf(layer)}";

    private Tensor RunStages(Tensor input, int first, int last)
    {
        var output = input;
        for (var index = first; index <= last; index++)
        {
            output = _stages[index].call(output);
        }
        return output;
    }

    private int IndexOf(string layer)
    {
        var index = Array.IndexOf(_layerNames, layer);
        return index >= 0
            ? index
            : throw new ArgumentException($"Unknown layer '{layer}'; the layers are {string.Join(", ", _layerNames)}.", nameof(layer));
    }
}

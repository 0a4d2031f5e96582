using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Models;

/// <summary>
/// Reads one module's output during a model's ordinary forward pass, with a forward hook: the output is kept as a
/// leaf tensor (requiring gradients when asked, so that the class score can be differentiated with respect to it) and
/// a copy of it flows on, so in-place operations after the layer (torchvision's <c>ReLU(inplace=True)</c>) change the
/// copy, not the features. Works for any model whose parents call their children with <c>call</c>.
/// </summary>
public static class LayerCapture
{
    /// <summary>The module at <paramref name="path"/> (a <c>named_modules()</c> name) of <paramref name="model"/>.</summary>
    public static nn.Module<Tensor, Tensor> Find(nn.Module model, string path)
    {
        var module = model.named_modules().FirstOrDefault(entry => entry.name == path).module
            ?? throw new ScanInputException($"The model has no module '{path}' (`scan layers` lists them).");
        return module as nn.Module<Tensor, Tensor>
            ?? throw new ScanInputException($"Layer '{path}' is a {module.GetType().Name}, which does not map one tensor to one tensor; pick another layer (`scan layers`).");
    }

    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="input"/>: its output (in the caller's dispose scope) and the
    /// layer's output as a leaf the caller owns and disposes (outside every dispose scope).
    /// </summary>
    public static (Tensor Output, Tensor Features) Run(
        nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor> layer, string layerName, Tensor input, bool withGradients)
    {
        Tensor? features = null;
        var hook = layer.register_forward_hook((_, _, output) =>
        {
            if (features is not null)
            {
                throw new ScanInputException($"Layer '{layerName}' runs more than once in a forward pass, so its output is not one feature map; pick another layer (`scan layers`).");
            }
            features = output.detach().requires_grad_(withGradients).DetachFromDisposeScope();
            return features.clone();
        });
        try
        {
            var output = model.call(input);
            if (features is null)
            {
                output.Dispose();
                throw new ScanInputException($"Layer '{layerName}' does not run in the model's forward pass; pick another layer (`scan layers`).");
            }
            return (output, features);
        }
        catch
        {
            features?.Dispose();
            throw;
        }
        finally
        {
            hook.remove();
        }
    }

    /// <summary>
    /// The output shape of each named module in one forward pass of <paramref name="input"/> (null for a module that does
    /// not run or does not map a tensor to a tensor), and how many times each ran.
    /// </summary>
    public static IReadOnlyList<LayerShape> Shapes(nn.Module<Tensor, Tensor> model, IReadOnlyList<(string Name, string Path)> layers, Tensor input)
    {
        var shapes = new Dictionary<string, (long[] Shape, int Calls)>();
        var hooks = new List<Action>();
        var modules = model.named_modules().ToDictionary(entry => entry.name, entry => entry.module);
        foreach (var (name, path) in layers)
        {
            if (modules.GetValueOrDefault(path) is not nn.Module<Tensor, Tensor> module)
            {
                continue;
            }
            var hook = module.register_forward_hook((_, _, output) =>
            {
                shapes[name] = shapes.TryGetValue(name, out var seen) ? (seen.Shape, seen.Calls + 1) : (output.shape, 1);
                return null!;
            });
            hooks.Add(hook.remove);
        }
        try
        {
            using var noGrad = no_grad();
            model.call(input).Dispose();
        }
        finally
        {
            hooks.ForEach(remove => remove());
        }
        return [.. layers.Select(layer => shapes.TryGetValue(layer.Name, out var seen)
            ? new LayerShape(layer.Name, seen.Shape[1..], seen.Calls)
            : new LayerShape(layer.Name, null, 0))];
    }
}

/// <summary>A layer's per-image output shape in one forward pass (null when it did not run) and how often it ran.</summary>
public sealed record LayerShape(string Layer, long[]? Shape, int Calls);

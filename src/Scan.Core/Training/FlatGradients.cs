using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>
/// A module's gradients as one flat float32 vector, parameters in registration order: what data-parallel workers
/// exchange and average between the backward pass and the optimizer step.
/// </summary>
public static class FlatGradients
{
    /// <summary>The number of floats in the flat vector of <paramref name="module"/>'s parameters.</summary>
    public static int Length(nn.Module module) => checked((int)module.parameters().Sum(p => p.numel()));

    /// <summary>Copies every parameter's gradient into <paramref name="destination"/>, which must hold exactly <see cref="Length"/> floats.</summary>
    public static void Read(nn.Module module, Span<float> destination)
    {
        using var scope = NewDisposeScope();
        var offset = 0;
        foreach (var parameter in module.parameters())
        {
            var length = (int)parameter.numel();
            var gradient = parameter.grad ?? throw new InvalidOperationException("A parameter has no gradient: run the backward pass before reading gradients.");
            gradient.detach().cpu().contiguous().data<float>().CopyTo(destination.Slice(offset, length));
            offset += length;
        }
        CheckLength(offset, destination.Length);
    }

    /// <summary>Overwrites every parameter's gradient with its part of <paramref name="source"/>.</summary>
    public static void Write(nn.Module module, ReadOnlySpan<float> source)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var offset = 0;
        foreach (var parameter in module.parameters())
        {
            var length = (int)parameter.numel();
            var values = tensor(source.Slice(offset, length).ToArray(), parameter.shape, ScalarType.Float32).to(parameter.device);
            if (parameter.grad is { } gradient)
            {
                gradient.copy_(values);
            }
            else
            {
                parameter.grad = values;
            }
            offset += length;
        }
        CheckLength(offset, source.Length);
    }

    private static void CheckLength(int parameters, int buffer)
    {
        if (parameters != buffer)
        {
            throw new ArgumentException($"The flat gradient holds {buffer} floats; the module's parameters have {parameters}.");
        }
    }
}

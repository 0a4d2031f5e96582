using Scan.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Scan.Core.Sanity;

/// <summary>
/// Adebayo et al. (2018)'s cascading model-parameter randomisation: the target's parts are re-initialised one after
/// another from the output down — the head first, then its layers from the last to the first — and each step keeps
/// the parts randomised before it. Re-initialisation is each parameter's default start: weight matrices and kernels
/// Kaiming-uniform with a = √5 (PyTorch's default for linear and convolution layers), biases 0, normalisation scales 1;
/// BatchNorm running statistics return to mean 0, variance 1. Part k draws from a generator seeded with (seed, k), so
/// a part is randomised the same way in every state that includes it.
/// </summary>
public static class CascadingRandomization
{
    public const string Head = "head";

    /// <summary>The order in which parts are randomised: <c>head</c>, then the layers from the last to the first.</summary>
    /// <remarks>Refuses, before any work, a target that is not made of named stages and a head (an imported torchvision network).</remarks>
    public static IReadOnlyList<string> Order(TargetModel target)
    {
        if (target.Module is not StagedClassifier)
        {
            throw new ScanInputException(
                $"Cascading randomisation needs a target made of named stages and a head (cnn or vit); this target is a {target.Description.Architecture}.");
        }
        return [Head, .. target.LayerNames.Reverse()];
    }

    /// <summary>Re-initialises the first <paramref name="parts"/> parts of <see cref="Order"/> in place.</summary>
    public static void Apply(TargetModel target, int parts, long seed)
    {
        var order = Order(target);
        if (parts < 0 || parts > order.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"must lie in 0 … {order.Count} (the parts {string.Join(", ", order)}).");
        }
        using var noGrad = no_grad();
        for (var part = 0; part < parts; part++)
        {
            var prefix = PrefixOf(target, order[part]);
            using var generator = new Generator((ulong)(seed * 1_000_003 + part));
            var parameters = target.Module.named_parameters().Where(p => p.name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (parameters.Count == 0)
            {
                throw new InvalidOperationException($"The target has no parameters under '{prefix}' for part '{order[part]}'.");
            }
            foreach (var (name, parameter) in parameters)
            {
                Reinitialise(name, parameter, generator);
            }
            foreach (var (name, buffer) in target.Module.named_buffers().Where(b => b.name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                ResetStatistic(name, buffer);
            }
        }
    }

    /// <summary>The parameter-name prefix of a part in a <see cref="StagedClassifier"/>: <c>head.</c> or <c>stages.i.</c>.</summary>
    private static string PrefixOf(TargetModel target, string part)
    {
        if (part == Head)
        {
            return "head.";
        }
        var index = target.LayerNames.ToList().IndexOf(part);
        return index >= 0 ? $"stages.{index}." : throw new ArgumentException($"Unknown part '{part}'.", nameof(part));
    }

    private static void Reinitialise(string name, Tensor parameter, Generator generator)
    {
        if (parameter.dim() >= 2)
        {
            // Kaiming-uniform with a = √5: bound = √(6 / ((1 + a²)·fan_in)) = 1/√fan_in.
            var fanIn = parameter.numel() / parameter.shape[0];
            var bound = 1 / Math.Sqrt(fanIn);
            using var values = rand(parameter.shape, generator: generator).mul(2 * bound).sub(bound);
            parameter.copy_(values.to(parameter.device));
        }
        else if (name.EndsWith("bias", StringComparison.Ordinal) || parameter.dim() == 0)
        {
            parameter.zero_();
        }
        else
        {
            parameter.fill_(1);
        }
    }

    private static void ResetStatistic(string name, Tensor buffer)
    {
        if (name.EndsWith("running_mean", StringComparison.Ordinal))
        {
            buffer.zero_();
        }
        else if (name.EndsWith("running_var", StringComparison.Ordinal))
        {
            buffer.fill_(1);
        }
    }
}

using Scan.Core.Models;
using Scan.Core.Models.Imported;
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

    /// <summary>The order in which parts are randomised, output first: this project's targets <c>head</c>, then their layers from the last to the first; imported ones as <see cref="TorchVisionArchitectures.RandomizationParts"/> lists them.</summary>
    public static IReadOnlyList<string> Order(TargetModel target) => [.. Parts(target).Select(part => part.Name)];

    /// <summary>Re-initialises the first <paramref name="parts"/> parts of <see cref="Order"/> in place.</summary>
    public static void Apply(TargetModel target, int parts, long seed)
    {
        var order = Parts(target);
        if (parts < 0 || parts > order.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"must lie in 0 … {order.Count} (the parts {string.Join(", ", order.Select(p => p.Name))}).");
        }
        using var noGrad = no_grad();
        for (var part = 0; part < parts; part++)
        {
            var prefixes = order[part].Prefixes;
            bool InPart(string name) => prefixes.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal));
            using var generator = new Generator((ulong)(seed * 1_000_003 + part));
            var parameters = target.Module.named_parameters().Where(p => InPart(p.name)).ToList();
            if (parameters.Count == 0)
            {
                throw new InvalidOperationException($"The target has no parameters under '{string.Join("', '", prefixes)}' for part '{order[part].Name}'.");
            }
            foreach (var (name, parameter) in parameters)
            {
                Reinitialise(name, parameter, generator);
            }
            foreach (var (name, buffer) in target.Module.named_buffers().Where(b => InPart(b.name)))
            {
                ResetStatistic(name, buffer);
            }
        }
    }

    /// <summary>Each part's name and the module or parameter paths it holds: a <see cref="StagedClassifier"/>'s <c>head</c> and <c>stages.i</c>.</summary>
    private static IReadOnlyList<(string Name, string[] Prefixes)> Parts(TargetModel target)
    {
        if (TorchVisionArchitectures.IsKnown(target.Description.Architecture))
        {
            return TorchVisionArchitectures.RandomizationParts(target.Description.Architecture, target.Module);
        }
        if (target.Module is not StagedClassifier)
        {
            throw new ScanInputException($"Cascading randomisation does not know the parts of a {target.Description.Architecture} target.");
        }
        return [(Head, ["head"]), .. target.LayerNames.Select((name, index) => (name, new[] { $"stages.{index}" })).Reverse()];
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

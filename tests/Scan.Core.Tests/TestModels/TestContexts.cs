using Scan.Core.Explainers;
using Scan.Core.Models;

namespace Scan.Core.Tests.TestModels;

/// <summary>The one place tests build an <see cref="ExplainerContext"/>: the context's other settings keep their defaults.</summary>
public static class TestContexts
{
    public static ExplainerContext For(TargetModel target, string layer, string? decoderDirectory = null, long seed = 0) =>
        new(target, layer, decoderDirectory, null, seed);
}

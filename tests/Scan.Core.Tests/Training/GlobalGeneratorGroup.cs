namespace Scan.Core.Tests.Training;

/// <summary>
/// Tests that compare seeded runs bit for bit, which draw from libtorch's one global random generator (the weights a
/// module starts from, dropout): they run alone, after the parallel tests, so that no other test draws from the
/// generator between a seed and the draws it fixes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalGeneratorGroup
{
    public const string Name = "libtorch's global generator";
}

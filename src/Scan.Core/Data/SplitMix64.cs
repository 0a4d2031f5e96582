namespace Scan.Core.Data;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator: a fixed, explicit algorithm, so that sequences stay the same
/// across .NET versions (unlike <see cref="Random"/>). Not thread-safe; not for cryptography.
/// </summary>
public sealed class SplitMix64(ulong state)
{
    private ulong _state = state;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in [0, <paramref name="bound"/>): the high 64 bits of next × bound (Lemire's multiply-shift).</summary>
    public int NextBelow(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);
    }
}

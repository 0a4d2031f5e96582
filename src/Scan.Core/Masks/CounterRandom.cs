namespace Scan.Core.Masks;

/// <summary>
/// Counter-based random numbers: a value depends only on (seed, stream, epoch, index), never on the order in which
/// values are drawn, the batch a sample is in or the worker that draws it. Each step is SplitMix64's finaliser.
/// </summary>
public static class CounterRandom
{
    /// <summary>The stream of the per-sample training percentiles.</summary>
    public const ulong PercentileStream = 0x5CA9_0001;

    /// <summary>The stream of the random-map control's pixels.</summary>
    public const ulong RandomMapStream = 0x5CA9_0002;

    /// <summary>64 well-mixed bits for (seed, stream, epoch, index).</summary>
    public static ulong Hash(long seed, ulong stream, long epoch, long index)
    {
        var state = Mix((ulong)seed);
        state = Mix(state ^ stream);
        state = Mix(state ^ (ulong)epoch);
        return Mix(state ^ (ulong)index);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public static double UnitInterval(long seed, ulong stream, long epoch, long index) =>
        (Hash(seed, stream, epoch, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>SplitMix64: add the golden-ratio increment, then its finaliser (Steele, Lea and Flood 2014).</summary>
    internal static ulong Mix(ulong value)
    {
        var z = value + 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}

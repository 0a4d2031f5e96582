using Scan.Core.Data;

namespace Scan.Core.Tests.Data;

public sealed class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_StateZero_GivesReferenceSequence()
    {
        // The reference C implementation (Vigna, splitmix64.c) started at x = 0 prints these three.
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }

    [Fact]
    public void NextBelow_StateZero_ScalesHighBits()
    {
        // 0xE220A8397B1DCDAF / 2⁶⁴ ≈ 0.8833, × 10 = 8.83 → 8; 0x6E789E6AA1B965F4 / 2⁶⁴ ≈ 0.4315, × 10 → 4.
        var random = new SplitMix64(0);

        Assert.Equal(8, random.NextBelow(10));
        Assert.Equal(4, random.NextBelow(10));
    }
}

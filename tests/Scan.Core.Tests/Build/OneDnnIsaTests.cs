using Scan.Core.Native;

namespace Scan.Core.Tests.Build;

/// <summary>Which processors get oneDNN capped at AVX2.</summary>
public sealed class OneDnnIsaTests
{
    private const string AmdAvx512 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx avx2 avx512f avx512dq\n";
    private const string AmdAvx2 = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx avx2 fma\n";
    private const string IntelAvx512 = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx avx2 avx512f avx512bw\n";

    [Theory]
    [InlineData(AmdAvx512, true)]
    [InlineData(AmdAvx2, false)]
    [InlineData(IntelAvx512, false)]
    [InlineData("", false)]
    public void IsAffected_VendorAndFlags_OnlyAmdWithAvx512(string cpuinfo, bool affected) =>
        Assert.Equal(affected, OneDnnIsa.IsAffected(cpuinfo));

    [Fact]
    public void Apply_OnThisMachine_CapsExactlyWhenTheProcessorIsAffected()
    {
        OneDnnIsa.Apply();

        var affected = File.Exists("/proc/cpuinfo") && OneDnnIsa.IsAffected(File.ReadAllText("/proc/cpuinfo"));
        Assert.True(!affected || Environment.GetEnvironmentVariable(OneDnnIsa.Variable) is not null);
    }
}

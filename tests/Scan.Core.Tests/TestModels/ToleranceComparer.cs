namespace Scan.Core.Tests.TestModels;

/// <summary>Equality of floats within an absolute tolerance, for comparing arrays in assertions.</summary>
public sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(float obj) => 0;
}

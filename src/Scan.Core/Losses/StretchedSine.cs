using static TorchSharp.torch;

namespace Scan.Core.Losses;

/// <summary>
/// Eq. 4: Ĉ = (sign(y)·sin(2π|y| / (8 + c|y|)) + 1) / 2, with sign(0) = 0 so that Ĉ(0) = 0.5; c = 0.15 in the paper.
/// Not monotonic: Ĉ rises to 1 at |y| = 8/(4 − c), falls back and oscillates as |y| grows.
/// </summary>
public static class StretchedSine
{
    /// <summary>Ĉ for raw confidences of any shape.</summary>
    public static Tensor Apply(Tensor raw, double stretchConstant)
    {
        using var scope = NewDisposeScope();
        // sin is odd, so sign(y)·sin(2π|y|/d) = sin(2πy/d): the same values, and a gradient that does not vanish at 0.
        var denominator = raw.abs().mul(stretchConstant).add(8);
        return raw.mul(2 * Math.PI).div(denominator).sin().add(1).div(2).MoveToOuterDisposeScope();
    }
}

namespace Scan.Core.Training;

/// <summary>
/// A learning rate that rises linearly to its peak over the warm-up steps, then follows half a cosine down to zero
/// at the last step: <c>peak · (s + 1) / W</c> for <c>s &lt; W</c>, else <c>peak · ½ (1 + cos(π (s − W) / (T − W)))</c>.
/// </summary>
public sealed record WarmupCosineSchedule(double Peak, int WarmupSteps, int TotalSteps)
{
    public double At(int step)
    {
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / decaySteps);
        return Peak * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}

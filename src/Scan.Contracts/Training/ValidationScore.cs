namespace Scan.Core.Training;

/// <summary>SCAN's and a random map's AUC-D on the held-out validation images, after an epoch.</summary>
[GenerateSerializer, Immutable, Alias("scan.ValidationScore")]
public sealed record ValidationScore([Id(0)] double ScanAucD, [Id(1)] double RandomAucD)
{
    /// <summary>A decoder this close to random (in AUC-D points) has learnt nothing useful: its job warns.</summary>
    public const double UsefulMargin = 5;

    public bool IsUseful => ScanAucD >= RandomAucD + UsefulMargin;

    /// <summary>Scoring this far below random, the map marks the regions the classifier did not rely on.</summary>
    public bool IsInverted => ScanAucD <= RandomAucD - UsefulMargin;
}

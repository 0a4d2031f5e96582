namespace Scan.Core.Data;

/// <summary>A file left out of a data set, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);

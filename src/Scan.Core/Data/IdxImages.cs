namespace Scan.Core.Data;

/// <summary>The content of an IDX image file: <see cref="Count"/> images of <see cref="Rows"/>×<see cref="Columns"/> bytes, row-major, one after the other.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);

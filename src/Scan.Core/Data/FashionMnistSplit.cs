namespace Scan.Core.Data;

/// <summary>Which Fashion-MNIST files to read: <c>train-*</c> (60,000 images) or <c>t10k-*</c> (10,000 images).</summary>
public enum FashionMnistSplit
{
    Train,
    Test,
}

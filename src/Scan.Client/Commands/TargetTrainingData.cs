using Scan.Core;
using Scan.Core.Data;
using Scan.Core.Models;

namespace Scan.Client.Commands;

/// <summary>
/// The training and test sets <c>scan train-target</c> reads from <c>--data</c>: Fashion-MNIST's IDX files (1×32×32,
/// zero-padded), or an image folder with train/ and test/ (RGB at --image-size, ImageNet's normalisation, as
/// <c>scan make-dataset</c> writes one); with how they were prepared, for target.json.
/// </summary>
public sealed record TargetTrainingData(IImageDataset Train, IImageDataset Test, Normalization Normalization, string Preprocessing,
    IReadOnlyDictionary<string, int>? Hyperparameters)
{
    /// <summary>The black border training added to every image (Fashion-MNIST: 2 pixels), recorded in target.json.</summary>
    public int? ImagePadding { get; init; }

    /// <summary>A ViT on an image folder gets patches of 1/8 of the image side: an 8×8 token grid, as on Fashion-MNIST.</summary>
    public const int TokenGridSide = 8;

    public static TargetTrainingData Open(string path, string architecture, int imageSize)
    {
        if (DataSource.IsFashionMnist(path))
        {
            return new TargetTrainingData(FashionMnistDataset.Load(path, DataSplit.Train), FashionMnistDataset.Load(path, DataSplit.Test),
                Normalization.FashionMnist, FashionMnistDataset.Preprocessing, null) { ImagePadding = FashionMnistDataset.Padding };
        }
        if (imageSize < TokenGridSide || imageSize % TokenGridSide != 0)
        {
            throw new ScanInputException($"--image-size {imageSize}: must be a positive multiple of {TokenGridSide}.");
        }
        var shape = new ImageShape(3, imageSize, imageSize);
        var normalization = Normalization.ImageNet;
        var preprocessing = $"RGB image files resized (stretched, bilinear) to {imageSize}×{imageSize}, pixel = byte/255, then normalised with " +
            $"ImageNet's mean ({string.Join(", ", normalization.Mean)}) and std ({string.Join(", ", normalization.Std)})";
        var hyperparameters = architecture == VisionTransformerClassifier.Architecture
            ? new Dictionary<string, int> { ["patch"] = imageSize / TokenGridSide }
            : null;
        return new TargetTrainingData(DataSource.Open(path, DataSplit.Train, shape, skipBadFiles: false), DataSource.Open(path, DataSplit.Test, shape, skipBadFiles: false),
            normalization, preprocessing, hyperparameters);
    }
}

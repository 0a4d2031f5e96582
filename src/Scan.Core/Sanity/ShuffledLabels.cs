using Scan.Core.Data;

namespace Scan.Core.Sanity;

/// <summary>
/// The images of a data set with its labels permuted (Adebayo et al. 2018's label randomisation): sample i keeps its
/// image and takes the label of sample π(i), π a seeded Fisher–Yates permutation, so the label frequencies are kept.
/// </summary>
public sealed class ShuffledLabels : IImageDataset
{
    private readonly IImageDataset _data;
    private readonly int[] _labels;

    public ShuffledLabels(IImageDataset data, int seed)
    {
        _data = data;
        var original = new int[data.Count];
        var scratch = new float[data.Shape.Length];
        for (var i = 0; i < data.Count; i++)
        {
            original[i] = data.Read(i, scratch);
        }
        var permutation = DatasetShards.EpochOrder(data.Count, seed, 0);
        _labels = [.. permutation.Select(j => original[j])];
    }

    public string Name => $"{_data.Name} (labels shuffled)";

    public int Count => _data.Count;

    public ImageShape Shape => _data.Shape;

    public IReadOnlyList<string> ClassNames => _data.ClassNames;

    public int Read(int index, Span<float> destination)
    {
        _data.Read(index, destination);
        return _labels[index];
    }
}

using Scan.Core.Sanity;
using Scan.Core.Tests.Data;

namespace Scan.Core.Tests.Sanity;

public sealed class ShuffledLabelsTests
{
    [Fact]
    public void Read_KeepsImagesAndPermutesLabels()
    {
        // CountingDataset: sample i's pixels start at i, its label is 10·i; labels 0, 10, …, 190 all differ.
        var data = new CountingDataset(20);
        var shuffled = new ShuffledLabels(data, seed: 4);
        var pixels = new float[data.Shape.Length];
        var labels = new List<int>();
        for (var i = 0; i < data.Count; i++)
        {
            labels.Add(shuffled.Read(i, pixels));
            Assert.Equal(i, pixels[0]);
        }
        Assert.Equal(Enumerable.Range(0, 20).Select(i => 10 * i), labels.Order());
        Assert.True(labels.Where((label, i) => label != 10 * i).Count() > 10);
        Assert.Equal(labels, Enumerable.Range(0, 20).Select(i => new ShuffledLabels(data, seed: 4).Read(i, pixels)));
    }
}

using System.Text.Json;
using Scan.Core.Data;
using Scan.Core.Models.Imported;
using Scan.Core.Tests.References;

namespace Scan.Core.Tests.Data;

/// <summary>
/// Images read for an imported target against torchvision's own evaluation transform (PIL's bilinear resize of the
/// shorter side to 256, centre crop 224) on real photographs of several aspect ratios. The two resamplers are not
/// bit-identical, so the check is on the pixels' mean and largest differences, which a wrong crop, a stretch or a
/// channel swap would break by far (measured: means 0.0005–0.0007, 99th percentiles 0.0039, one 8-bit step).
/// </summary>
public sealed class ImageNetTransformTests
{
    private const string Photos = Scan.Core.Data.Natural.BackgroundPhotos.DebianDirectory;

    [Fact]
    public void ShorterSideThenCentreCrop_MatchesTorchvisionOnPhotographs()
    {
        string[] names = ["astronaut.png", "chelsea.png", "coffee.png", "motorcycle_left.png", "camera.png"];
        using var directory = new TemporaryDirectory();
        var reference = directory.File("reference.f32");
        var paths = names.Select(name => Path.Combine(Photos, name)).ToArray();
        PyTorchReference.Run("torchvision_transform.py", JsonSerializer.Serialize(new { resize = 256, crop = 224, photos = paths, @out = reference }));
        var expected = PyTorchReference.ReadFloats(reference);
        var shape = new ImageShape(3, 224, 224);

        var results = new List<(string Photo, double Mean, float Percentile99)>();
        for (var i = 0; i < paths.Length; i++)
        {
            var actual = new float[shape.Length];
            ImageFileReader.Read(paths[i], shape, actual, ImageNetEvaluationTransform.ResizeFor(224));
            var differences = actual.Select((value, p) => Math.Abs(value - expected[(i * shape.Length) + p])).Order().ToArray();
            results.Add((names[i], differences.Average(), differences[(int)(0.99 * differences.Length)]));
        }

        var summary = string.Join("; ", results.Select(r => $"{r.Photo}: mean {r.Mean:F4}, 99th percentile {r.Percentile99:F4}"));
        Assert.True(results.All(r => r.Mean < 0.003 && r.Percentile99 < 0.01), summary);
    }

    [Fact]
    public void ResizeFor_224_Is256AsTorchvisionsPresets()
    {
        Assert.Equal(256, ImageNetEvaluationTransform.ResizeFor(224));
        Assert.Equal(128, ImageNetEvaluationTransform.ResizeFor(112));
    }
}

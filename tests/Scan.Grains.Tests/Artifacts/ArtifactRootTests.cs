using Scan.Grains.Artifacts;
using Scan.Core;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Tests.Artifacts;

public sealed class ArtifactRootTests : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("scan-artifact-root-").FullName;
    private readonly string _root;
    private readonly string _outside;

    public ArtifactRootTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_base, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_base, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "targets", "cnn"));
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private static TrainJobRequest Request(string target, string output) =>
        new(target, output, Resume: false, Layer: null, Settings: new(), Options: new(), Data: "data", SkipBadFiles: false, Device: "cpu", Workers: 1);

    private TrainJobRequest Resolve(string target, string output) => new ArtifactRoot(_root).Resolve(Request(target, output));

    [Fact]
    public void Resolve_PathsUnderTheRoot_AreMadeAbsolute()
    {
        var resolved = Resolve("targets/cnn", "decoders/new");

        Assert.Equal((Path.Combine(_root, "targets", "cnn"), Path.Combine(_root, "decoders", "new")), (resolved.Target, resolved.Output));
    }

    [Fact]
    public void Resolve_OutputThroughALinkPointingOutside_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link"), _outside);

        var error = Assert.Throws<ScanInputException>(() => Resolve("targets/cnn", "link/dec"));

        Assert.Contains("--out link/dec", error.Message);
        Assert.Contains($"through a symbolic link, to {Path.Combine(_outside, "dec")}", error.Message);
    }

    [Fact]
    public void Resolve_TargetThatIsALinkToOutside_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "cnn"));
        File.CreateSymbolicLink(Path.Combine(_root, "link-target"), Path.Combine(_outside, "cnn"));

        var error = Assert.Throws<ScanInputException>(() => Resolve(Path.Combine(_root, "link-target"), "out"));

        Assert.Contains("--target", error.Message);
        Assert.Contains("outside the cluster's artifact root", error.Message);
    }

    [Fact]
    public void Resolve_RelativeLinkClimbingOut_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        File.CreateSymbolicLink(Path.Combine(_root, "a", "up"), "../../outside");

        Assert.Throws<ScanInputException>(() => Resolve("targets/cnn", "a/up/dec"));
    }

    [Fact]
    public void Resolve_DotDotAfterALink_IsTheLinkTargetsParent()
    {
        // The kernel resolves inside/.. to the parent of the link's target (outside's parent), not back to the root.
        Directory.CreateDirectory(Path.Combine(_outside, "deep"));
        File.CreateSymbolicLink(Path.Combine(_root, "inside"), Path.Combine(_outside, "deep"));

        var error = Assert.Throws<ScanInputException>(() => Resolve("targets/cnn", "inside/../dec"));

        Assert.Contains(Path.Combine(_outside, "dec"), error.Message);
    }

    [Fact]
    public void Resolve_LinkThatStaysInsideTheRoot_IsFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "latest"), Path.Combine(_root, "targets", "cnn"));

        Assert.Equal(Path.Combine(_root, "targets", "cnn"), Resolve("latest", "out").Target);
    }

    [Fact]
    public void Resolve_DanglingLinkToOutside_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "dangling"), Path.Combine(_outside, "not-yet"));

        Assert.Throws<ScanInputException>(() => Resolve("targets/cnn", "dangling"));
    }

    [Fact]
    public void Resolve_LinkLoop_GetsAClearError()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "loop-a"), Path.Combine(_root, "loop-b"));
        File.CreateSymbolicLink(Path.Combine(_root, "loop-b"), Path.Combine(_root, "loop-a"));

        var error = Assert.Throws<ScanInputException>(() => Resolve("targets/cnn", "loop-a/dec"));

        Assert.Contains("too many levels of symbolic links", error.Message);
    }

    [Fact]
    public void Resolve_RootThatIsALink_AcceptsPathsThroughIt()
    {
        var linkedRoot = Path.Combine(_base, "root-link");
        File.CreateSymbolicLink(linkedRoot, _root);

        var resolved = new ArtifactRoot(linkedRoot).Resolve(Request(Path.Combine(linkedRoot, "targets", "cnn"), "out"));

        Assert.Equal(Path.Combine(_root, "out"), resolved.Output);
    }

    [Fact]
    public void Resolve_ThenTheOutputSwappedForALinkToOutside_TheJobLocksNothingOutside()
    {
        Directory.CreateDirectory(Path.Combine(_root, "decoders", "dec"));
        var resolved = Resolve("targets/cnn", "decoders/dec");
        Directory.Delete(Path.Combine(_root, "decoders", "dec"));
        File.CreateSymbolicLink(Path.Combine(_root, "decoders", "dec"), _outside);

        var error = Assert.Throws<ScanInputException>(() => OutputLock.Acquire(resolved.Output, "job-1"));

        Assert.Contains("symbolic link", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    [Fact]
    public void Resolve_ThenTheTargetSwappedForALinkToOutside_TheTargetIsNotRead()
    {
        var resolved = Resolve("targets/cnn", "out");
        File.WriteAllText(Path.Combine(_outside, "target.json"), "{}");
        Directory.Delete(Path.Combine(_root, "targets", "cnn"));
        File.CreateSymbolicLink(Path.Combine(_root, "targets", "cnn"), _outside);

        var error = Assert.Throws<ScanInputException>(() => Scan.Core.Models.TargetDescription.Read(resolved.Target));

        Assert.Contains("symbolic link", error.Message);
    }
}

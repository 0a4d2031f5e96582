using System.Text;
using Scan.Core;

namespace Scan.Core.Tests.Files;

public sealed class ArtifactDirectoryTests : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("scan-artifact-directory-").FullName;
    private readonly string _root;
    private readonly string _outside;

    public ArtifactDirectoryTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_base, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_base, "outside")).FullName;
        ArtifactDirectory.Confine(_root);
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private string UnderRoot(params string[] parts) => Path.Combine([_root, .. parts]);

    [Fact]
    public void Write_ThroughADirectorySwappedForALink_IsRefusedAndWritesNothingOutside()
    {
        Directory.CreateDirectory(UnderRoot("jobs", "out"));
        Directory.Delete(UnderRoot("jobs", "out"));
        File.CreateSymbolicLink(UnderRoot("jobs", "out"), _outside);

        var error = Assert.Throws<ScanInputException>(() => AtomicFile.WriteAllText(UnderRoot("jobs", "out", "decoder.json"), "{}"));

        Assert.Contains(UnderRoot("jobs", "out"), error.Message);
        Assert.Contains("symbolic link", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    [Fact]
    public void Write_OverAFileSwappedForALink_ReplacesTheLinkAndLeavesItsTargetAlone()
    {
        var secret = Path.Combine(_outside, "secret");
        File.WriteAllText(secret, "kept");
        File.CreateSymbolicLink(UnderRoot("decoder.json"), secret);

        AtomicFile.WriteAllText(UnderRoot("decoder.json"), "new");

        Assert.Equal("kept", File.ReadAllText(secret));
        Assert.Null(new FileInfo(UnderRoot("decoder.json")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(UnderRoot("decoder.json")));
    }

    [Fact]
    public void Write_WhileItsDirectoryIsMovedAndALinkPutInItsPlace_LandsInTheDirectoryItOpened()
    {
        Directory.CreateDirectory(UnderRoot("dec"));

        AtomicFile.Write(UnderRoot("dec", "weights"), stream =>
        {
            Directory.Move(UnderRoot("dec"), UnderRoot("moved"));
            File.CreateSymbolicLink(UnderRoot("dec"), _outside);
            stream.Write("weights"u8);
        });

        Assert.Equal("weights", File.ReadAllText(UnderRoot("moved", "weights")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    [Fact]
    public void Read_AFileThatIsALinkOrBehindOne_IsRefused()
    {
        File.WriteAllText(Path.Combine(_outside, "target.json"), "outside");
        File.CreateSymbolicLink(UnderRoot("target.json"), Path.Combine(_outside, "target.json"));
        File.CreateSymbolicLink(UnderRoot("target"), _outside);

        Assert.Throws<ScanInputException>(() => ArtifactFile.ReadAllText(UnderRoot("target.json")));
        Assert.Throws<ScanInputException>(() => ArtifactFile.ReadAllBytes(UnderRoot("target", "target.json")));
        Assert.Throws<ScanInputException>(() => FileChecksum.Of(UnderRoot("target", "target.json")));
    }

    [Fact]
    public void ReadAndWrite_PlainDirectoriesBeneathTheRoot_Work()
    {
        AtomicFile.WriteAllText(UnderRoot("a", "b", "c.txt"), "content");

        Assert.Equal("content", ArtifactFile.ReadAllText(UnderRoot("a", "b", "c.txt")));
        Assert.Equal(Encoding.UTF8.GetBytes("content"), ArtifactFile.ReadAllBytes(UnderRoot("a", "b", "c.txt")));
        Assert.Equal([UnderRoot("a", "b", "c.txt")], Directory.EnumerateFileSystemEntries(UnderRoot("a", "b")));
    }

    [Fact]
    public void Paths_OutsideEveryConfinedRoot_FollowLinksAsBefore()
    {
        var link = Path.Combine(_base, "link");
        File.CreateSymbolicLink(link, _outside);

        AtomicFile.WriteAllText(Path.Combine(link, "x.txt"), "through the link");

        Assert.Equal("through the link", ArtifactFile.ReadAllText(Path.Combine(_outside, "x.txt")));
    }

    [Fact]
    public void OpenFile_ExclusiveTwiceBeneathTheRoot_TheSecondFailsWithWouldBlock()
    {
        using var directory = ArtifactDirectory.Open(UnderRoot("locked"), create: true);
        using var first = directory.OpenFile(".scan-job", FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive: true);

        var error = Assert.Throws<IOException>(() => directory.OpenFile(".scan-job", FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive: true));

        Assert.Equal(11, error.HResult);
    }

    [Fact]
    public void Write_AFailingWriter_LeavesNoTemporaryFile()
    {
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(UnderRoot("half"), _ => throw new InvalidOperationException("disk full")));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }
}

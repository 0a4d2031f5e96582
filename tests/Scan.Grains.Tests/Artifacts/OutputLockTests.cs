using Scan.Core;
using Scan.Grains.Artifacts;

namespace Scan.Grains.Tests.Artifacts;

public sealed class OutputLockTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"scan-output-lock-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Acquire_WhileAnotherJobHoldsTheDirectory_IsRefusedNamingIt()
    {
        using var first = OutputLock.Acquire(_directory, "job-1");

        var error = Assert.Throws<ScanInputException>(() => OutputLock.Acquire(_directory, "job-2"));

        Assert.Contains($"--out {_directory}: another job is writing to it", error.Message);
    }

    [Fact]
    public void Acquire_AfterTheHolderEnded_Succeeds()
    {
        OutputLock.Acquire(_directory, "job-1").Dispose();

        using var second = OutputLock.Acquire(_directory, "job-2");

        Assert.True(Directory.Exists(_directory));
    }

    [Fact]
    public void Acquire_RemembersTheJobThatHeldTheDirectoryBefore()
    {
        using (var first = OutputLock.Acquire(_directory, "job-1"))
        {
            Assert.Null(first.PreviousOwner);
        }
        using (var second = OutputLock.Acquire(_directory, "job-2"))
        {
            Assert.Equal("job-1", second.PreviousOwner);
        }

        var third = OutputLock.Acquire(_directory, "job-3");
        third.Dispose();

        Assert.Equal("job-2", third.PreviousOwner);
        Assert.Equal("job-3\n", File.ReadAllText(Path.Combine(_directory, OutputLock.FileName)));
    }
}

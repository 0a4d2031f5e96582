using Scan.Core;

namespace Scan.Grains.Tests.Artifacts;

/// <summary>Only failures that another attempt can fix are retried; the exceptions come from real file operations.</summary>
public sealed class JobErrorsTests
{
    private static Exception Thrown(Action action) => Record.Exception(action) ?? throw new InvalidOperationException("the action did not fail");

    [Fact]
    public void IsRetryable_FileExists_IsNot()
    {
        var file = Path.GetTempFileName();
        var error = Thrown(() => new FileStream(file, FileMode.CreateNew).Dispose());
        File.Delete(file);

        Assert.False(JobErrors.IsRetryable(error));
    }

    [Fact]
    public void IsRetryable_DiskFull_IsNot()
    {
        var error = Thrown(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            full.Write(new byte[16]);
            full.Flush();
        });

        Assert.False(JobErrors.IsRetryable(error));
    }

    [Fact]
    public void IsRetryable_MissingDirectoryOrBadInput_IsNot()
    {
        Assert.False(JobErrors.IsRetryable(Thrown(() => File.ReadAllBytes($"/nonexistent-{Guid.NewGuid():N}/x"))));
        Assert.False(JobErrors.IsRetryable(new ScanInputException("--lr -1: must be positive")));
        Assert.False(JobErrors.IsRetryable(new AggregateException(new ScanInputException("wrapped"))));
    }

    [Fact]
    public void IsRetryable_TimeoutOrADeadPeer_Is()
    {
        Assert.True(JobErrors.IsRetryable(new TimeoutException("peer did not answer")));
        Assert.True(JobErrors.IsRetryable(new Orleans.Runtime.SiloUnavailableException("silo died")));
        Assert.True(JobErrors.IsRetryable(new IOException("connection reset", 104)));
    }

    [Fact]
    public void Checked_AnInternalArgumentException_StaysAFaultNotTheUsersMistake()
    {
        var fault = Assert.Throws<ArgumentException>(() => JobErrors.Checked(() => throw new ArgumentException("shapes [2, 3] and [3, 2] do not match")));
        var input = Assert.Throws<Scan.Grains.Abstractions.Jobs.JobInputException>(() => JobErrors.Checked(() => throw new ScanInputException("--lr -1: must be positive")));

        Assert.False(JobErrors.IsInputError(fault));
        Assert.True(JobErrors.IsRetryable(fault));
        Assert.Equal("--lr -1: must be positive", input.Message);
        Assert.Equal("ArgumentException: shapes [2, 3] and [3, 2] do not match", JobErrors.Describe(fault));
    }
}

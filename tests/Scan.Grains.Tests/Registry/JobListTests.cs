using Scan.Core.Training;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Jobs;

namespace Scan.Grains.Tests.Registry;

public sealed class JobListTests
{
    private static JobStatus Status(string id, JobState state, JobResult? result = null) =>
        new(id, "train", state, 0, 10, 0, "", null, result, 1);

    [Fact]
    public void Page_IsNewestFirstWithTheTotal()
    {
        var list = new JobList();
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            list.Add(Status(id, JobState.Running), keepFinished: 10);
        }

        var first = list.Page(0, 2);
        var second = list.Page(2, 2);
        var last = list.Page(4, 2);

        Assert.Equal(["e", "d"], first.Jobs.Select(j => j.JobId));
        Assert.Equal(5, first.Total);
        Assert.Equal(["c", "b"], second.Jobs.Select(j => j.JobId));
        Assert.Equal(["a"], last.Jobs.Select(j => j.JobId));
        Assert.Empty(list.Page(5, 2).Jobs);
    }

    [Fact]
    public void Report_KeepsTheLatestStatusWithoutItsResult()
    {
        var list = new JobList();
        list.Add(Status("a", JobState.Running), keepFinished: 10);

        Assert.True(list.Report(Status("a", JobState.Succeeded, result: new JobResult(History: [new EpochSummary(1, 0.5, 0.2, 100, 10)]))));
        Assert.False(list.Report(Status("never-added", JobState.Running)));

        var listed = Assert.Single(list.Page(0, 10).Jobs);
        Assert.Equal(JobState.Succeeded, listed.State);
        Assert.Null(listed.Result);
    }

    [Fact]
    public void Add_BeyondTheRetention_ForgetsTheOldestFinishedJobsButNoRunningOne()
    {
        var list = new JobList();
        list.Add(Status("old-running", JobState.Running), keepFinished: 2);
        foreach (var id in new[] { "f1", "f2", "f3" })
        {
            list.Add(Status(id, JobState.Running), keepFinished: 2);
            list.Report(Status(id, JobState.Succeeded));
        }

        list.Add(Status("new", JobState.Running), keepFinished: 2);

        Assert.Equal(["new", "f3", "f2", "old-running"], list.Page(0, 10).Jobs.Select(j => j.JobId));
        Assert.Null(list.KindOf("f1"));
        Assert.Equal("train", list.KindOf("f2"));
    }

    [Fact]
    public void Add_TheSameJobTwice_KeepsOneEntry()
    {
        var list = new JobList();

        Assert.True(list.Add(Status("a", JobState.Running), keepFinished: 10));
        Assert.False(list.Add(Status("a", JobState.Running), keepFinished: 10));
        Assert.Equal(1, list.Page(0, 10).Total);
    }
}

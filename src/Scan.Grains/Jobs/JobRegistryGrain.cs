using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Jobs;

/// <summary>
/// The list of jobs, persisted: each with the status its grain last reported. Listing reads only this list, so it
/// never activates a job grain (an old record still marked Running is not restarted by being listed).
/// </summary>
public sealed class JobRegistryGrain(
    [PersistentState("job-list", JobStorage.Name)] IPersistentState<JobList> state, IOptions<ScanClusterOptions> options, ILogger<JobRegistryGrain> logger)
    : Grain, IJobRegistryGrain
{
    public async Task AddAsync(JobStatus status)
    {
        if (state.State.Add(status, options.Value.KeepFinishedJobs))
        {
            await state.WriteOrRestoreAsync(logger, "job list");
        }
    }

    public async Task ReportAsync(JobStatus status)
    {
        if (state.State.Report(status))
        {
            await state.WriteOrRestoreAsync(logger, "job list");
        }
    }

    public Task<JobPage> ListAsync(int offset, int limit) => Task.FromResult(state.State.Page(offset, limit));

    public Task<IJobGrain?> FindAsync(string jobId) => Task.FromResult<IJobGrain?>(state.State.KindOf(jobId) switch
    {
        null => null,
        "train" => GrainFactory.GetGrain<ITrainingJobGrain>(jobId),
        _ => GrainFactory.GetGrain<IEvaluationJobGrain>(jobId),
    });
}

using Microsoft.Extensions.Logging;
using Scan.Grains.Abstractions.Evaluation;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Abstractions.Training;

namespace Scan.Grains.Jobs;

/// <summary>The list of jobs in order of submission: job ids and kinds, persisted; statuses come from the job grains.</summary>
public sealed class JobRegistryGrain([PersistentState("job-registry", JobStorage.Name)] IPersistentState<JobRegistryState> state, ILogger<JobRegistryGrain> logger)
    : Grain, IJobRegistryGrain
{
    public async Task AddAsync(string jobId, string kind)
    {
        if (state.State.Kinds.TryAdd(jobId, kind))
        {
            state.State.Order.Add(jobId);
            await state.WriteOrRestoreAsync(logger, "job list");
        }
    }

    public async Task<JobStatus[]> ListAsync()
    {
        var jobs = state.State.Order.AsEnumerable().Reverse().Select(id => Job(id, state.State.Kinds[id])).ToList();
        return await Task.WhenAll(jobs.Select(j => j.GetStatusAsync()));
    }

    public Task<IJobGrain?> FindAsync(string jobId) =>
        Task.FromResult(state.State.Kinds.TryGetValue(jobId, out var kind) ? Job(jobId, kind) : null);

    private IJobGrain Job(string id, string kind) => kind == "train"
        ? GrainFactory.GetGrain<ITrainingJobGrain>(id)
        : GrainFactory.GetGrain<IEvaluationJobGrain>(id);
}

/// <summary>The registry's stored state.</summary>
[GenerateSerializer, Alias("scan.JobRegistryState")]
public sealed class JobRegistryState
{
    [Id(0)]
    public List<string> Order { get; set; } = [];

    [Id(1)]
    public Dictionary<string, string> Kinds { get; set; } = [];
}

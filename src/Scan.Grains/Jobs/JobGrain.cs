using Microsoft.Extensions.Logging;
using Scan.Grains.Abstractions.Jobs;
using Scan.Grains.Observability;

namespace Scan.Grains.Jobs;

/// <summary>
/// The life of a job grain (key: the job id), whatever it runs: a checked request and its status kept in grain
/// storage, registration in the job list, a run in the background that clients poll, cancellation, and a resumed run
/// when the grain comes back after its silo died while the job was running.
/// </summary>
public abstract class JobGrain<TRequest>(ILogger logger, IPersistentState<JobRecord<TRequest>> record, string kind) : Grain, IDisposable
    where TRequest : class
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _cancellation = new();
    private JobStatus? _status;
    private DateTime _lastReport;

    protected string JobId => this.GetPrimaryKeyString();

    /// <summary>The stored record (the request, the last stored status, the attempts so far).</summary>
    protected JobRecord<TRequest> Record => record.State;

    protected JobStatus Status => _status!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _status = record.State.Status;
        if (record.State is { Request: { } request, Status.State: JobState.Running })
        {
            logger.LogWarning("{Kind} job {Job} was running when its silo went away; running it again from where it was stored", kind, JobId);
            Run(request);
        }
        return Task.CompletedTask;
    }

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(_status ?? JobStatus.Unknown(JobId));

    public Task CancelAsync()
    {
        _cancellation.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Checks and stores the request, lists the job and starts it (once: a second start returns the status).</summary>
    protected async Task<JobStatus> StartJobAsync(TRequest request, int workers)
    {
        if (_status is not null)
        {
            return _status;
        }
        request = JobErrors.Checked(() => Checked(request));
        _status = new JobStatus(JobId, kind, JobState.Running, 0, 0, 0, "starting", null, null, workers);
        (record.State.Request, record.State.Status) = (request, _status);
        await SaveRecordAsync();
        await Registry.AddAsync(_status);
        _lastReport = DateTime.UtcNow;
        Run(request);
        return _status;
    }

    /// <summary>The request with its paths resolved; throws Scan.Core's input errors for a bad one.</summary>
    protected abstract TRequest Checked(TRequest request);

    /// <summary>Runs the job to its end and returns the success status's detail and result; progress goes through <see cref="Update"/>.</summary>
    protected abstract Task<(string Detail, JobResult Result)> ExecuteAsync(TRequest request, CancellationToken cancellation);

    protected void Update(Func<JobStatus, JobStatus> change)
    {
        _status = change(_status!);
        if (DateTime.UtcNow - _lastReport >= ReportEvery)
        {
            _lastReport = DateTime.UtcNow;
            _ = ReportAsync(_status);
        }
    }

    private IJobRegistryGrain Registry => GrainFactory.GetGrain<IJobRegistryGrain>(0);

    /// <summary>Tells the job list this job's status; a list that cannot be reached costs the job nothing.</summary>
    private async Task ReportAsync(JobStatus status)
    {
        try
        {
            await Registry.ReportAsync(status);
        }
        catch (Exception e)
        {
            logger.LogWarning("{Kind} job {Job}: the job list was not told its status ({Error})", kind, JobId, e.Message);
        }
    }

    protected Task SaveRecordAsync() => record.WriteOrRestoreAsync(logger, $"record of job {JobId}");

    /// <summary>The outcome stored for this job, read again from storage: set when another activation finished it.</summary>
    protected async Task<JobStatus?> StoredOutcomeAsync()
    {
        await record.ReadStateAsync();
        return record.State.Status is { IsFinished: true } status ? status : null;
    }

    private void Run(TRequest request)
    {
        DelayDeactivation(TimeSpan.FromDays(7));
        ScanMetrics.JobState(JobId, JobState.Running);
        _ = RunAsync(request);
    }

    private async Task RunAsync(TRequest request)
    {
        JobStatus outcome;
        try
        {
            var (detail, result) = await ExecuteAsync(request, _cancellation.Token);
            outcome = Status with { State = JobState.Succeeded, Done = Status.Total, Detail = detail, Result = result };
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            outcome = Status with { State = JobState.Cancelled, Detail = "cancelled; the last complete checkpoint, if any, is kept" };
        }
        catch (Exception e) when (JobErrors.IsInputError(e))
        {
            // The client prints the reason as one line; a refused input is not the silo's failure.
            var reason = JobErrors.Describe(e);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("{Kind} job {Job} refused its input: {Reason}", kind, JobId, reason);
            }
            outcome = Status with { State = JobState.Failed, Error = reason, BadInput = true };
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Kind} job {Job} failed", kind, JobId);
            outcome = Status with { State = JobState.Failed, Error = JobErrors.Describe(e), BadInput = false };
        }
        await FinishAsync(outcome);
    }

    /// <summary>The outcome is what the job did: a record that cannot be stored is logged, and clients still see the outcome.</summary>
    private async Task FinishAsync(JobStatus status)
    {
        ScanMetrics.JobState(JobId, status.State);
        record.State.Status = status;
        try
        {
            await SaveRecordAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Kind} job {Job} ended {State}, but its record could not be stored", kind, JobId, status.State);
        }
        // The list learns the outcome before the job's own status shows it, so a client that saw it end lists it ended.
        await ReportAsync(status);
        _status = status;
        DelayDeactivation(TimeSpan.FromMinutes(10));
    }
}

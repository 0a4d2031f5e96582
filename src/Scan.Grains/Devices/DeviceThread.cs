using System.Collections.Concurrent;

namespace Scan.Grains.Devices;

/// <summary>
/// A dedicated thread that runs a replica's tensor work in order, off the Orleans scheduler: a grain awaits the work
/// instead of blocking its turn, and TorchSharp's thread-static dispose scopes stay on one thread.
/// </summary>
public sealed class DeviceThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;
    private int _disposed;

    public DeviceThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
        Observability.ScanMetrics.WorkerLoaded(true);
    }

    /// <summary>Runs <paramref name="work"/> on the device thread after the work queued before it.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        });
        return completion.Task;
    }

    public Task RunAsync(Action work) => RunAsync(() =>
    {
        work();
        return true;
    });

    private void Loop()
    {
        // OpenMP's thread count is per thread: a new thread starts from the default (one per core), not SCAN_THREADS.
        Core.Devices.CpuThreads.ApplyEnvironment();
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work();
        }
    }

    /// <summary>Lets the queued work finish, then ends the thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Observability.ScanMetrics.WorkerLoaded(false);
        _work.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
        _work.Dispose();
    }
}

using System.Diagnostics;

namespace Scan.Testing;

/// <summary>A child process that is always ended (SIGKILL at the latest), its output kept for error messages.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChildProcess(string file, IEnumerable<string> arguments, string readyText, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Take(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_lines)
            {
                _lines.Add(line);
            }
            if (line.Contains(readyText, StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }
        _process.ErrorDataReceived += (_, e) => Take(e.Data);
        _process.OutputDataReceived += (_, e) => Take(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{file} exited ({_process.ExitCode}) before it was ready:\n{Output}"));
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.TakeLast(200));
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        try
        {
            await _ready.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} not ready after {limit}:\n{Output}");
        }
    }

    /// <summary>The process's exit code once it has ended by itself within <paramref name="limit"/>; null if it still runs.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to leave its cluster cleanly.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

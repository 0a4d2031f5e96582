using System.CommandLine;
using Scan.Client.Output;
using Scan.Core;

namespace Scan.Client.Commands;

/// <summary>Runs a command's body and turns its failures into a message and an exit code, never a bare stack trace.</summary>
public static class CommandRunner
{
    public const string DebugVariable = "SCAN_DEBUG";

    public static void SetScanAction(this Command command, ScanConsole console, Func<ParseResult, CancellationToken, int> body) =>
        command.SetAction((parseResult, cancellation) => Task.FromResult(Run(console, () => body(parseResult, cancellation))));

    public static int Run(ScanConsole console, Func<int> body)
    {
        try
        {
            Core.Devices.CpuThreads.ApplyEnvironment();
            return body();
        }
        catch (Exception e) when (e is ScanInputException or Grains.Abstractions.Jobs.JobInputException)
        {
            console.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException e)
        {
            console.Error(e.Message.StartsWith("cancelled ", StringComparison.Ordinal) ? e.Message : "cancelled; the last complete checkpoint, if any, is kept.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            console.Error(e.Message);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            console.Error($"{e.GetType().Name}: {e.Message}");
            console.Info(Environment.GetEnvironmentVariable(DebugVariable) == "1"
                ? e.ToString()
                : $"(set {DebugVariable}=1 for the full trace)");
            return ExitCodes.Failure;
        }
    }
}

using Scan.Core;
using Scan.Grains.Abstractions.Jobs;

namespace Scan.Grains;

/// <summary>
/// Turns Scan.Core's input errors (<see cref="ScanInputException"/>, thrown only by explicit checks of what the user
/// gave) into <see cref="JobInputException"/>, which crosses grain calls intact. Any other exception is a fault: it is
/// logged with its trace on the silo, retried when a retry can fix it, and never reported as the user's mistake.
/// </summary>
public static class JobErrors
{
    public static bool IsInputError(Exception e) => e is ScanInputException or JobInputException;

    /// <summary>
    /// Whether another attempt can fix what <paramref name="e"/> reports: a dead peer or a timeout can, bad input or
    /// a deterministic file-system failure (file exists, disk full, read-only, no permission, a missing or corrupt
    /// file) cannot.
    /// </summary>
    public static bool IsRetryable(Exception e) => e switch
    {
        AggregateException { InnerException: { } inner } => IsRetryable(inner),
        _ when IsInputError(e) => false,
        UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException => false,
        IOException io => !DeterministicErrnos.Contains(io.HResult),
        _ => true,
    };

    // EACCES, EEXIST, ENOTDIR, EISDIR, ENOSPC, EROFS, EDQUOT: what .NET puts in an IOException's HResult on Unix.
    private static readonly HashSet<int> DeterministicErrnos = [13, 17, 20, 21, 28, 30, 122];

    public static T Checked<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ScanInputException e)
        {
            throw new JobInputException(e.Message);
        }
    }

    public static void Checked(Action work) => Checked(() =>
    {
        work();
        return true;
    });

    /// <summary>The message a job's status shows for <paramref name="e"/>: the input error's own words, or the fault's type and message.</summary>
    public static string Describe(Exception e) => e is AggregateException { InnerException: { } inner } ? Describe(inner)
        : IsInputError(e) ? e.Message : $"{e.GetType().Name}: {e.Message}";
}

using Scan.Core;
using Scan.Grains.Abstractions.Jobs;

namespace Scan.Grains;

/// <summary>Turns Scan.Core's input errors into <see cref="JobInputException"/>, which crosses grain calls intact.</summary>
public static class JobErrors
{
    public static bool IsInputError(Exception e) => e is ScanInputException or ArgumentException or JobInputException;

    public static T Checked<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is ScanInputException or ArgumentException)
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

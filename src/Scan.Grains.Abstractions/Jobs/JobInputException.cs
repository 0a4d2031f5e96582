namespace Scan.Grains.Abstractions.Jobs;

/// <summary>
/// A job's request is wrong (a missing path, an unknown layer, a setting out of range): the message names the input
/// and what is wrong with it. It crosses silo and client boundaries as itself, so callers can tell it from a fault.
/// </summary>
[GenerateSerializer, Alias("scan.JobInputException")]
public sealed class JobInputException : Exception
{
    public JobInputException()
    {
    }

    public JobInputException(string message)
        : base(message)
    {
    }

    public JobInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

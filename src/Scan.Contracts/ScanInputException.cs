namespace Scan.Core;

/// <summary>Bad input from the user (a file, a path, an option): the message names the input and what is wrong.</summary>
public sealed class ScanInputException : Exception
{
    public ScanInputException(string message) : base(message)
    {
    }

    public ScanInputException(string message, Exception inner) : base(message, inner)
    {
    }

    public ScanInputException()
    {
    }
}

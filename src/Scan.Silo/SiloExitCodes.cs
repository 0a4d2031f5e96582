namespace Scan.Silo;

/// <summary>How a silo process ends.</summary>
public static class SiloExitCodes
{
    public const int Stopped = 0;

    /// <summary>It could not join its cluster (Redis unreachable, a wrong password, …).</summary>
    public const int CouldNotJoin = 1;

    /// <summary>Its configuration is wrong, or a port it needs is taken.</summary>
    public const int BadConfiguration = 2;

    /// <summary>Its membership entry vanished (Redis came back empty); a restart joins it again.</summary>
    public const int MembershipLost = 3;
}

using System.Net;
using System.Net.Sockets;

namespace Scan.Silo;

/// <summary>Free TCP ports on loopback, for silos that should not collide with others on one machine.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

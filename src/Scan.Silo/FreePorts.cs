using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Scan.Silo;

/// <summary>
/// Free TCP ports on loopback, for silos that should not collide with others on one machine. The kernel may hand
/// a just-closed port out again, so a port is given at most once per process.
/// </summary>
public static class FreePorts
{
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}

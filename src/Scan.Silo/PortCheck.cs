using System.Net;
using System.Net.Sockets;

namespace Scan.Silo;

/// <summary>
/// Refuses ports another process already listens on, before the silo binds them: Orleans' listener would share a
/// taken port, and a second silo on a running silo's port joins under its address and gets the running one declared dead.
/// </summary>
public static class PortCheck
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first taken port and its option.</summary>
    public static void EnsureFree(ScanSiloOptions options)
    {
        foreach (var (port, option) in new[] { (options.SiloPort, "--silo-port"), (options.GatewayPort, "--gateway-port"), (options.HttpPort, "--http-port") })
        {
            if (port > 0 && !IsFree(port))
            {
                throw new InvalidOperationException($"{option} {port}: the port is in use by another process (a silo already running here?); choose a free one.");
            }
        }
    }

    private static bool IsFree(int port)
    {
        foreach (var address in new[] { IPAddress.Any, IPAddress.Loopback })
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(address, port));
                socket.Listen();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                return false;
            }
        }
        return true;
    }
}

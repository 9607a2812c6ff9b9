using System.Net;
using System.Net.Sockets;

namespace NeuroSim.Replay.TestSupport;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on (as an unreachable server's).</summary>
public static class UnusedPort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

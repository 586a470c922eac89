using System.Net;
using System.Net.Sockets;

namespace MusicEvents.IntegrationTests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port free a moment ago; the DevHost must know its own URL before it starts.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

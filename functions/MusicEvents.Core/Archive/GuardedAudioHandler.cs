using System.Net;
using System.Net.Sockets;

namespace MusicEvents.Core.Archive;

/// <summary>
/// The archive's connection handler: it resolves the host itself and refuses to connect when any
/// resolved address is internal, so a name that points inside (or is re-pointed there) is caught
/// on the addresses actually connected to, not on the name; only hosts listed in
/// Archive:PrivateNetworkHosts may resolve inside. Redirects are followed by the archiver, checked.
/// </summary>
public static class GuardedAudioHandler
{
    public static SocketsHttpHandler Create(AudioSourceGuard guard) => new()
    {
        AllowAutoRedirect = false,

        // Through a proxy the callback would see the proxy's address, not the audio host's.
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);

            // Every address, not only the first: the socket may fall back to any of them.
            foreach (var address in addresses)
            {
                guard.CheckAddress(host, address);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

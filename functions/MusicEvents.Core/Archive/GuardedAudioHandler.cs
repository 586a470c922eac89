using System.Net;
using System.Net.Sockets;

namespace MusicEvents.Core.Archive;

/// <summary>
/// The archive's connection handler: it resolves the host itself and refuses to connect when any
/// resolved address is internal, so a name that points inside (or is re-pointed there) is caught
/// on the address actually used, not on the name. Redirects are followed by the archiver, checked.
/// </summary>
public static class GuardedAudioHandler
{
    public static SocketsHttpHandler Create(AudioSourceGuard guard) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            foreach (var address in addresses)
            {
                guard.CheckAddress(address);
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

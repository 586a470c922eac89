using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Audio URLs come from outside. Only http(s) (https outside development), only configured hosts,
/// and, checked on the address actually connected to, nothing in our own networks or the cloud's
/// metadata service unless <see cref="ArchiveOptions.AllowPrivateNetworks"/> says so.
/// </summary>
public sealed class AudioSourceGuard(IOptions<ArchiveOptions> options, IHostEnvironment environment)
{
    public void CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new AudioSourceRefusedException("only http and https audio URLs are fetched");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !environment.IsDevelopment())
        {
            throw new AudioSourceRefusedException("audio URLs must use https outside development");
        }

        if (!options.Value.AllowedHosts.Contains(url.IdnHost, StringComparer.OrdinalIgnoreCase))
        {
            throw new AudioSourceRefusedException($"host '{url.IdnHost}' is not in Archive:AllowedHosts");
        }
    }

    public void CheckAddress(IPAddress address)
    {
        if (!options.Value.AllowPrivateNetworks && IsInternal(address))
        {
            throw new AudioSourceRefusedException($"address {address} is loopback, private, link-local or otherwise internal");
        }
    }

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            if (EmbeddedIPv4(b) is { } embedded)
            {
                return IsInternal(embedded);
            }

            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
                || address.IsIPv6Teredo;
        }

        var v4 = address.GetAddressBytes();
        return IsInternalIPv4(v4);
    }

    /// <summary>
    /// IPv6 forms that carry an IPv4 address and reach it: IPv4-compatible (::a.b.c.d), NAT64
    /// (64:ff9b::/96) and 6to4 (2002::/16). The address inside decides.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(byte[] b)
    {
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null;
    }

    private static bool IsInternalIPv4(byte[] v4) =>
        v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127, // carrier-grade NAT
            169 => v4[1] == 254,              // link-local, including the cloud metadata service
            172 => v4[1] is >= 16 and <= 31,
            192 => (v4[1] == 168) || (v4[1] == 0 && v4[2] is 0 or 2),
            198 => v4[1] is 18 or 19,
            >= 224 => true,                   // multicast and reserved
            _ => false,
        };
}

using System.Net;
using System.Net.Sockets;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Which addresses are ours or the platform's rather than the internet's: loopback, private,
/// link-local, unique-local, multicast, the cloud metadata services, and the IPv6 forms that
/// carry such an IPv4 address (mapped, compatible, NAT64, 6to4).
/// </summary>
public static class InternalAddresses
{
    /// <summary>Azure's platform endpoint (wireserver, DNS, health probes): public-looking, but the host's.</summary>
    private static readonly IPAddress AzurePlatform = IPAddress.Parse("168.63.129.16");

    /// <summary>AWS's instance metadata service over IPv6 (inside fd00::/8, named for a clearer reason).</summary>
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    public static bool IsInternal(IPAddress address) => Classify(address) is not null;

    /// <returns>What kind of internal address this is ("loopback", "private", "cloud metadata"…), or null when it is public.</returns>
    public static string? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4()) is { } kind ? $"IPv4-mapped {kind}" : null;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? ClassifyIPv6(address) : ClassifyIPv4(address.GetAddressBytes());
    }

    private static string? ClassifyIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback";
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }

        var b = address.GetAddressBytes();
        if (EmbeddedIPv4(b) is { } embedded)
        {
            return Classify(embedded) is { } kind ? $"IPv6-embedded {kind}" : null;
        }

        return address switch
        {
            _ when address.Equals(AwsMetadataV6) => "cloud metadata",
            { IsIPv6LinkLocal: true } => "link-local",
            { IsIPv6SiteLocal: true } => "site-local",
            { IsIPv6Multicast: true } => "multicast",
            { IsIPv6Teredo: true } => "Teredo tunnel",
            _ when (b[0] & 0xFE) == 0xFC => "unique-local",
            _ => null,
        };
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

    private static string? ClassifyIPv4(byte[] v4)
    {
        if (v4 is [169, 254, 169, 254] || new IPAddress(v4).Equals(AzurePlatform))
        {
            return "cloud metadata";
        }

        return v4[0] switch
        {
            0 => "unspecified (this network)",
            127 => "loopback",
            10 => "private",
            172 when v4[1] is >= 16 and <= 31 => "private",
            192 when v4[1] == 168 => "private",
            100 when v4[1] is >= 64 and <= 127 => "carrier-grade NAT",
            169 when v4[1] == 254 => "link-local",
            192 when v4[1] == 0 && v4[2] is 0 or 2 => "reserved",
            198 when v4[1] is 18 or 19 => "benchmarking",
            >= 224 and <= 239 => "multicast",
            >= 240 => "reserved",
            _ => null,
        };
    }
}

using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Audio URLs come from outside. Only http(s) (https outside development), only configured hosts,
/// and, checked on the address actually connected to, nothing in our own networks or the cloud's
/// metadata service, except for the hosts in <see cref="ArchiveOptions.PrivateNetworkHosts"/>.
/// </summary>
public sealed class AudioSourceGuard(IOptions<ArchiveOptions> options, IHostEnvironment environment)
{
    public void CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            var scheme = url.IsAbsoluteUri ? url.Scheme : "relative";
            throw new AudioSourceRefusedException(AudioSourceRule.Scheme, $"only http and https audio URLs are fetched, not {scheme}");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !environment.IsDevelopment())
        {
            throw new AudioSourceRefusedException(AudioSourceRule.HttpsOnly, "audio URLs must use https outside development");
        }

        if (!Contains(options.Value.AllowedHosts, url.IdnHost))
        {
            throw new AudioSourceRefusedException(AudioSourceRule.AllowedHosts, $"host '{url.IdnHost}' is not in Archive:AllowedHosts");
        }
    }

    /// <param name="host">The host as the URL named it (what was resolved).</param>
    /// <param name="address">One address it resolved to, or the literal itself.</param>
    public void CheckAddress(string host, IPAddress address)
    {
        if (InternalAddresses.Classify(address) is { } kind && !Contains(options.Value.PrivateNetworkHosts, host))
        {
            var resolved = Normalize(host) == Normalize(address.ToString()) ? $"address {address}" : $"host '{host}' resolves to {address}, which";
            throw new AudioSourceRefusedException(AudioSourceRule.InternalAddress, $"{resolved} is {Article(kind)} {kind} address");
        }
    }

    /// <summary>Hosts compare case-insensitively, and IP literals by address ("[::1]" is "::1").</summary>
    private static bool Contains(string[] hosts, string host)
    {
        var wanted = Normalize(host);
        return hosts.Any(h => Normalize(h) == wanted);
    }

    private static string Normalize(string host)
    {
        var bare = host.Trim().TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(bare, out var address) ? address.ToString() : bare.ToLowerInvariant();
    }

    private static string Article(string kind) => "aeiouAEIOU".Contains(kind[0], StringComparison.Ordinal) ? "an" : "a";
}

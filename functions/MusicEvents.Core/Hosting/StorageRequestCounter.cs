using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// Counts the HTTP requests the Azure SDK's storage clients send, per table or container (every
/// attempt, retries included), so that the cost of a flow in storage requests is measured rather
/// than estimated (<c>./dev bench</c> reads it through the DevHost).
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <summary>Requests so far, by table or container name ("Tables" for table-service calls, "" for account-level ones).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts, StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        counts.AddOrUpdate(ResourceOf(message.Request.Uri.ToUri()), 1, (_, n) => n + 1);
    }

    /// <summary>
    /// The table or container a request is for: the first path segment, after the account name
    /// when the endpoint is path-style (Azurite, an IP or localhost), without a table key's "(…)".
    /// </summary>
    public static string ResourceOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathStyle = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback;
        var index = pathStyle ? 1 : 0;
        if (segments.Length <= index)
        {
            return "";
        }

        var segment = Uri.UnescapeDataString(segments[index]);
        var key = segment.IndexOf('(', StringComparison.Ordinal);
        return key >= 0 ? segment[..key] : segment;
    }
}

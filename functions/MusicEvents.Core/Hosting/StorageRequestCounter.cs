using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// Counts the HTTP requests the Azure SDK's storage clients send, per service and per table or
/// container (every attempt, retries included), so that the cost of a flow in storage requests is
/// measured rather than estimated (<c>./dev bench</c> reads it through the DevHost). The service is
/// the one of the client whose pipeline sends the request (<see cref="PolicyFor"/>), never guessed
/// from a name: a table named like a container, or a table added later, is counted where it belongs.
/// </summary>
public sealed class StorageRequestCounter
{
    private readonly ConcurrentDictionary<(StorageService Service, string Resource), long> counts = new();

    public StorageRequestCounts Snapshot()
    {
        Dictionary<string, long> Of(StorageService service) => counts
            .Where(c => c.Key.Service == service)
            .ToDictionary(c => c.Key.Resource, c => c.Value, StringComparer.Ordinal);
        return new StorageRequestCounts(Of(StorageService.Table), Of(StorageService.Blob), Of(StorageService.Other));
    }

    /// <summary>The policy to add to the pipeline of a client built with these options: it counts under the client's service.</summary>
    public HttpPipelinePolicy PolicyFor(ClientOptions options) => new Counting(this, ServiceOf(options));

    public static StorageService ServiceOf(ClientOptions options) => options switch
    {
        TableClientOptions => StorageService.Table,
        BlobClientOptions => StorageService.Blob,
        _ => StorageService.Other,
    };

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

    private void Count(StorageService service, Uri uri) => counts.AddOrUpdate((service, ResourceOf(uri)), 1, (_, n) => n + 1);

    private sealed class Counting(StorageRequestCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            counter.Count(service, message.Request.Uri.ToUri());
        }
    }
}

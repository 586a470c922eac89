using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Where a clip is kept (<c>{CorrelationId}/{ClipId}.{ext}</c>) and the <see cref="TrackStored"/>
/// read back from a committed blob: the first archiving and every redelivery build it here, from
/// the blob itself, so they publish the same values.
/// </summary>
internal static partial class StoredClips
{
    public const string CorrelationIdKey = "correlation_id";
    public const string TaskIdKey = "task_id";
    public const string ClipIdKey = "clip_id";
    public const string SourceUrlKey = "source_url";
    public const string Sha256Key = "sha256";

    /// <summary>The name without its extension, ending in the dot: the extension depends on the answer.</summary>
    public static string Prefix(Guid correlationId, string clipId) => $"{correlationId:D}/{SafeName(clipId)}.";

    public static string SafeName(string clipId) => UnsafeCharacters().Replace(clipId, "_");

    /// <returns>The clip's committed blob as TrackStored, or null when there is none (uncommitted blocks do not count).</returns>
    public static async Task<TrackStored?> FindAsync(BlobContainerClient container, Guid correlationId, string clipId, CancellationToken cancellationToken)
    {
        var prefix = Prefix(correlationId, clipId);
        var options = new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = prefix };
        await foreach (var item in container.GetBlobsAsync(options, cancellationToken))
        {
            // "c1." is also the prefix of clip "c1.x"'s blobs: only a bare extension is ours.
            if (item.Name.AsSpan(prefix.Length).IndexOfAny('.', '/') >= 0)
            {
                continue;
            }

            var m = item.Metadata;
            return new TrackStored(
                correlationId,
                m.TryGetValue(TaskIdKey, out var taskId) ? taskId : "",
                clipId,
                container.GetBlobClient(item.Name).Uri,
                item.Properties.ContentType,
                item.Properties.ContentLength ?? 0,
                m.TryGetValue(Sha256Key, out var sha256) ? sha256 : "",
                item.Properties.CreatedOn ?? item.Properties.LastModified ?? DateTimeOffset.MinValue);
        }

        return null;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}

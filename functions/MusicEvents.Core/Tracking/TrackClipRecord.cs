using System.Text.Json.Serialization;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>One clip of a task: what MusicAPI reported and, once archived, where we keep it.</summary>
public sealed record TrackClipRecord(
    CompletedClip Source,
    Uri? BlobUri = null,
    string? ContentType = null,
    long? SizeBytes = null,
    string? Sha256 = null,
    DateTimeOffset? StoredAt = null)
{
    [JsonIgnore]
    public string ClipId => Source.ClipId;

    [JsonIgnore]
    public bool IsStored => BlobUri is not null;

    public TrackClipRecord StoredAs(TrackStored stored) =>
        this with { BlobUri = stored.BlobUri, ContentType = stored.ContentType, SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256, StoredAt = stored.StoredAt };
}

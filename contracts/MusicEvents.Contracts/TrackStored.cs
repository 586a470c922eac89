namespace MusicEvents.Contracts;

/// <summary>One clip's audio is in Blob Storage; <see cref="Sha256"/> is lowercase hex of the stored bytes.</summary>
public sealed record TrackStored(
    Guid CorrelationId,
    string TaskId,
    string ClipId,
    Uri BlobUri,
    string ContentType,
    long SizeBytes,
    string Sha256,
    DateTimeOffset StoredAt);

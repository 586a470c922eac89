namespace MusicEvents.Contracts;

/// <summary>
/// One clip's audio is in Blob Storage, for good: one such event per clip of a
/// <see cref="TrackCompleted"/>. <see cref="Sha256"/> is lowercase hex of the stored bytes.
/// </summary>
/// <param name="CorrelationId">The requester's id of the task (see <see cref="ExtendTrackCommand.CorrelationId"/>).</param>
/// <param name="TaskId">MusicAPI's id of the task.</param>
/// <param name="ClipId">The clip stored (<see cref="CompletedClip.ClipId"/>).</param>
/// <param name="BlobUri">The blob: container <c>tracks</c>, name <c>{CorrelationId}/{ClipId}.{ext}</c>; reading it needs access to the storage account.</param>
/// <param name="ContentType">The audio's media type, e.g. <c>audio/mpeg</c> or <c>audio/wav</c>.</param>
/// <param name="SizeBytes">Size of the stored audio in bytes.</param>
/// <param name="Sha256">SHA-256 of the stored bytes, lowercase hex, to check a download against.</param>
/// <param name="StoredAt">When the blob was committed (UTC).</param>
public sealed record TrackStored(
    Guid CorrelationId,
    string TaskId,
    string ClipId,
    Uri BlobUri,
    string ContentType,
    long SizeBytes,
    string Sha256,
    DateTimeOffset StoredAt);

namespace MusicEvents.Sandbox;

/// <summary>
/// One POST /producer/create as received, whatever was answered. <see cref="CorrelationId"/> is the
/// <c>cid</c> query parameter of the webhook_url, so tests can tell which command caused a call.
/// <see cref="ContentLength"/> is null for a body sent chunked.
/// </summary>
public sealed record CreateCall(
    DateTimeOffset Timestamp,
    string? TaskType,
    string? ClipId,
    string? CorrelationId,
    int Status,
    string? TaskId,
    long? ContentLength = null);

namespace MusicEvents.Sandbox;

/// <summary>Body of song.failed, field order as in musicapi.md.</summary>
internal sealed record WebhookFailedPayload(
    string TaskId,
    string Platform,
    string Event,
    string Type,
    string Message,
    bool RefundProcessed);

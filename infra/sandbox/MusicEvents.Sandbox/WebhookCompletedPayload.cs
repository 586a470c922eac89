namespace MusicEvents.Sandbox;

/// <summary>Body of song.completed (and song.streaming), field order as in musicapi.md.</summary>
internal sealed record WebhookCompletedPayload(
    string TaskId,
    string Platform,
    string Event,
    int Code,
    string Message,
    IReadOnlyList<SandboxClip> Data);

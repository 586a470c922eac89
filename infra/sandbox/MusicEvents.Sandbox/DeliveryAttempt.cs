namespace MusicEvents.Sandbox;

/// <summary>One webhook POST attempted: the receiver's status code, or the error when there was none.</summary>
public sealed record DeliveryAttempt(
    DateTimeOffset Timestamp,
    string TaskId,
    string? CorrelationId,
    string Event,
    string WebhookId,
    int Attempt,
    int? StatusCode,
    string? Error);

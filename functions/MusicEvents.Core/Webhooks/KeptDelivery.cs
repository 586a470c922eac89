namespace MusicEvents.Core.Webhooks;

/// <summary>A delivery kept in the inbox, as operators list them to pick one to replay (no body, no signature).</summary>
public sealed record KeptDelivery(
    string WebhookId,
    Guid CorrelationId,
    string? Event,
    DateTimeOffset ReceivedAt,
    bool Processed,
    DateTimeOffset? ProcessedAt);

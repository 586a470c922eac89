namespace MusicEvents.Core.Tracking;

/// <summary>A kept delivery, as operators list them to pick one to replay (no body, no signature).</summary>
public sealed record KeptDelivery(
    string WebhookId,
    Guid CorrelationId,
    string? Event,
    DateTimeOffset ReceivedAt,
    DateTimeOffset KeptAt);

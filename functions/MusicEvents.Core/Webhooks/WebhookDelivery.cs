namespace MusicEvents.Core.Webhooks;

/// <summary>One verified delivery, as received.</summary>
public sealed record WebhookDelivery(
    string WebhookId,
    Guid CorrelationId,
    string? Event,
    string Timestamp,
    string Signature,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt);

namespace MusicEvents.Core.Webhooks;

/// <summary>One verified delivery as received: its id, task, MusicAPI's headers and the raw body.</summary>
public sealed record WebhookDelivery(
    string WebhookId,
    Guid CorrelationId,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt)
{
    public string? Event => Headers.TryGetValue(WebhookHeaders.Event, out var value) ? value : null;
}

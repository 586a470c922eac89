using System.Text.Json.Serialization;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// One verified delivery as received: its id, task, MusicAPI's headers and the raw body. It travels
/// inside <see cref="TaskReported"/> and is kept beside the task's record in the write that takes it.
/// </summary>
public sealed record WebhookDelivery(
    string WebhookId,
    Guid CorrelationId,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>MusicAPI's event name header (musicapi.md, "Webhooks").</summary>
    public const string EventHeader = "X-Webhook-Event";

    [JsonIgnore]
    public string? Event => Headers.TryGetValue(EventHeader, out var value) ? value : null;
}

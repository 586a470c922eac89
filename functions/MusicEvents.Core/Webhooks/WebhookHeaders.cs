namespace MusicEvents.Core.Webhooks;

/// <summary>The headers of a MusicAPI delivery (musicapi.md, "Webhooks").</summary>
public static class WebhookHeaders
{
    public const string Id = "X-Webhook-Id";
    public const string Event = Tracking.WebhookDelivery.EventHeader;
    public const string Timestamp = "X-Webhook-Timestamp";
    public const string Signature = "X-Webhook-Signature";

    /// <summary>The retired scheme that signed only the body: refused whenever it comes alone.</summary>
    public const string LegacySignature = "X-Signature";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>A MusicAPI webhook delivery built and signed the way musicapi.md describes.</summary>
public sealed record SignedDelivery(Guid CorrelationId, byte[] Body, string Event, string WebhookId, long Timestamp, string Signature)
{
    public static SignedDelivery Completed(Guid correlationId, string taskId, string audioUrl, string masterKey, long? timestamp = null) =>
        Create(correlationId, $$"""{"task_id":"{{taskId}}","platform":"producer","event":"song.completed","code":200,"message":"success","data":[{"clip_id":"clip-{{taskId}}","audio_url":"{{audioUrl}}","duration":"1.5"}]}""", "song.completed", masterKey, timestamp);

    public static SignedDelivery Failed(Guid correlationId, string taskId, string masterKey) =>
        Create(correlationId, $$"""{"task_id":"{{taskId}}","platform":"producer","event":"song.failed","type":"failed","message":"upstream failure","refund_processed":true}""", "song.failed", masterKey);

    public static SignedDelivery Create(Guid correlationId, string body, string eventName, string masterKey, long? timestamp = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        return new SignedDelivery(correlationId, bytes, eventName, Guid.NewGuid().ToString(), ts, Sign(WebhookSecrets.Derive(masterKey, correlationId), ts, bytes));
    }

    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public HttpRequestMessage ToRequest(Uri devHost, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(devHost, $"/api/webhooks/musicapi?cid={CorrelationId:D}"))
        {
            Content = new ByteArrayContent(Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Webhook-Id", WebhookId);
        request.Headers.Add("Idempotency-Key", WebhookId);
        request.Headers.Add("X-Webhook-Event", Event);
        request.Headers.Add("X-Webhook-Timestamp", Timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Webhook-Signature", Signature);
        return request;
    }
}

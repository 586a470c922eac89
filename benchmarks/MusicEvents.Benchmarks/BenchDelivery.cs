using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Benchmarks;

/// <summary>
/// One distinct, final MusicAPI delivery (<c>song.completed</c>, new <c>X-Webhook-Id</c>, new
/// <c>cid</c>), shaped and signed as the sandbox sends them. Its audio_url names a host outside
/// Archive:AllowedHosts, so the archive consumer refuses it before any network I/O (see docs/benchmarks.md).
/// </summary>
public sealed record BenchDelivery(Guid CorrelationId, string WebhookId, string TaskId, byte[] Body, string Timestamp, string Signature)
{
    public const string RefusedAudioHost = "cdn.bench.invalid";
    public const string Event = "song.completed";

    /// <summary>The X-Webhook-Event header this delivery is sent with.</summary>
    public string EventName { get; init; } = Event;

    public static BenchDelivery Create(string masterKey)
    {
        var correlationId = Guid.NewGuid();
        var taskId = Guid.NewGuid().ToString();
        var clipId = Guid.NewGuid().ToString();
        var body = Encoding.UTF8.GetBytes(
            $$"""{"task_id":"{{taskId}}","platform":"producer","event":"{{Event}}","code":200,"message":"success","data":[{"clip_id":"{{clipId}}","state":"succeeded","title":"Benchmark delivery","audio_url":"https://{{RefusedAudioHost}}/audio/{{taskId}}/{{clipId}}.wav","image_url":"https://{{RefusedAudioHost}}/image/{{taskId}}/{{clipId}}.png","duration":1.0,"created_at":"{{DateTimeOffset.UtcNow:O}}"}]}""");
        return Signed(masterKey, correlationId, taskId, body, Event);
    }

    /// <summary>A <c>song.failed</c> delivery for a task MusicEvents submitted (its event header differs from <see cref="Event"/>).</summary>
    public static BenchDelivery Failed(string masterKey, Guid correlationId, string taskId) =>
        Signed(masterKey, correlationId, taskId, Encoding.UTF8.GetBytes(
            $$"""{"task_id":"{{taskId}}","platform":"producer","event":"song.failed","type":"failed","message":"benchmark failure","refund_processed":true}"""), "song.failed");

    private static BenchDelivery Signed(string masterKey, Guid correlationId, string taskId, byte[] body, string eventName)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var secret = Encoding.UTF8.GetBytes(WebhookSecrets.Derive(masterKey, correlationId));
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
        return new BenchDelivery(correlationId, $"evt_{Guid.NewGuid():N}", taskId, body, timestamp, signature) { EventName = eventName };
    }

    /// <summary>The POST MusicAPI would make, to <paramref name="route"/> with <c>?cid=</c>.</summary>
    public HttpRequestMessage ToRequest(Uri host, string route)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host, $"{route}?cid={CorrelationId:D}"))
        {
            Content = new ByteArrayContent(Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("X-Webhook-Id", WebhookId);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", WebhookId);
        request.Headers.TryAddWithoutValidation("X-Webhook-Event", EventName);
        request.Headers.TryAddWithoutValidation("X-Webhook-Timestamp", Timestamp);
        request.Headers.TryAddWithoutValidation("X-Webhook-Signature", Signature);
        request.Headers.TryAddWithoutValidation("User-Agent", "MusicAPI-Webhook/1.0");
        return request;
    }

    /// <summary>
    /// The row TableKeptDeliveries keeps for this delivery in its task's partition: same keys, same
    /// properties, the body inline as it is for every delivery under 30,000 characters.
    /// </summary>
    public TableEntity ToKeptRow()
    {
        var headers = new Dictionary<string, string>
        {
            ["X-Webhook-Id"] = WebhookId,
            ["X-Webhook-Event"] = Event,
            ["X-Webhook-Timestamp"] = Timestamp,
            ["X-Webhook-Signature"] = Signature,
            ["Idempotency-Key"] = WebhookId,
            ["Content-Type"] = "application/json",
            ["User-Agent"] = "MusicAPI-Webhook/1.0",
        };
        var now = DateTimeOffset.UtcNow;
        return new TableEntity(TaskPartition.Key(CorrelationId), TaskPartition.WebhookRow(WebhookId))
        {
            ["WebhookId"] = WebhookId,
            ["CorrelationId"] = CorrelationId,
            ["Headers"] = JsonSerializer.Serialize(headers),
            ["ReceivedAt"] = now,
            ["Body"] = Encoding.UTF8.GetString(Body),
        };
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>A MusicAPI delivery, signed as musicapi.md describes, as the webhook function receives it.</summary>
internal sealed record Webhook(Guid CorrelationId, string WebhookId, string Body, string Event)
{
    public static Webhook Completed(Guid correlationId, string taskId = "t-1", params string[] clipIds) => new(
        correlationId,
        Guid.NewGuid().ToString(),
        $$"""{"task_id":"{{taskId}}","event":"song.completed","code":200,"data":[{{string.Join(",", (clipIds.Length == 0 ? ["c-1"] : clipIds).Select(c => $$"""{"clip_id":"{{c}}","audio_url":"https://cdn.example/{{c}}.m4a"}"""))}}]}""",
        "song.completed");

    public static Webhook Failed(Guid correlationId, string taskId = "t-1") => new(
        correlationId, Guid.NewGuid().ToString(), $$"""{"task_id":"{{taskId}}","event":"song.failed","message":"upstream failure","refund_processed":true}""", "song.failed");

    public static Webhook Streaming(Guid correlationId, string taskId = "t-1") => new(
        correlationId, Guid.NewGuid().ToString(), $$"""{"task_id":"{{taskId}}","event":"song.streaming"}""", "song.streaming");

    public HttpRequest ToRequest(DateTimeOffset now, string masterKey = LifecycleHarness.MasterKey)
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(bytes).ToArray();
        var secret = WebhookSecrets.Derive(masterKey, CorrelationId);
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.QueryString = new QueryString($"?cid={CorrelationId:D}");
        request.ContentType = "application/json";
        request.ContentLength = bytes.Length;
        request.Body = new MemoryStream(bytes);
        request.Headers["X-Webhook-Id"] = WebhookId;
        request.Headers["X-Webhook-Event"] = Event;
        request.Headers["X-Webhook-Timestamp"] = timestamp;
        request.Headers["X-Webhook-Signature"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return request;
    }
}

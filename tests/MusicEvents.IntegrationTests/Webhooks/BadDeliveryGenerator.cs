using System.Globalization;
using System.Text;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Webhooks;

/// <summary>
/// Deterministic (seeded) bad deliveries: random bytes, truncated and mistyped JSON, wrong and
/// oversized headers, unicode, huge numbers. None of them may be believed as a final report.
/// </summary>
public sealed class BadDeliveryGenerator(string audioUrl)
{
    private static readonly string[] Junk = ["", " ", "null", "[]", "{}", "\"x\"", "1e999", "-0", "99999999999999999999999999", "\u0000", "日本語", "💥", "{\"a\":", "\\u0000", "NaN"];

    public string AudioUrl => audioUrl;

    public (HttpRequestMessage Request, Guid CorrelationId) Create(int index, Uri devHost)
    {
        var random = new Random(index);
        var correlationId = Guid.NewGuid();
        var valid = SignedDelivery.Completed(correlationId, $"task-fuzz-{index}", audioUrl, MusicEventsHosts.MasterKey);
        var request = valid.ToRequest(devHost);
        switch (index % 10)
        {
            case 0: // random bytes, random content type
                Body(request, RandomBytes(random, random.Next(0, 4096)), random.Next(2) == 0 ? "application/json" : "application/octet-stream");
                break;
            case 1: // a valid body under a random signature
                Replace(request, "X-Webhook-Signature", "sha256=" + Convert.ToHexStringLower(RandomBytes(random, 32)));
                break;
            case 2: // truncated JSON, correctly signed: a well-signed body that is not JSON
                var cut = valid.Body[..random.Next(1, valid.Body.Length - 1)];
                Signed(request, correlationId, cut, valid.Timestamp);
                break;
            case 3: // mistyped JSON, correctly signed, never final (streaming)
                var mistyped = Encoding.UTF8.GetBytes($$"""{"task_id":{{Pick(random)}},"event":{{Pick(random)}},"data":[{{Pick(random)}},{"clip_id":[],"audio_url":{},"duration":"{{Pick(random)}}"}],"code":"{{Pick(random)}}"}""");
                Signed(request, correlationId, mistyped, valid.Timestamp, "song.streaming");
                break;
            case 4: // huge, negative or unicode timestamps
                Replace(request, "X-Webhook-Timestamp", random.Next(4) switch
                {
                    0 => "99999999999999999999999999999",
                    1 => "-1",
                    2 => "１２３４５",
                    _ => long.MaxValue.ToString(CultureInfo.InvariantCulture),
                });
                break;
            case 5: // unicode and junk in the cid
                request.RequestUri = new Uri(devHost, "/api/webhooks/musicapi?cid=" + Uri.EscapeDataString(Pick(random) + "ü" + correlationId));
                break;
            case 6: // oversized header values
                Replace(request, random.Next(2) == 0 ? "X-Webhook-Signature" : "X-Webhook-Id", new string('a', random.Next(300, 40_000)));
                break;
            case 7: // unicode in headers
                Replace(request, "X-Webhook-Event", "song.completed💥" + Pick(random));
                Replace(request, "X-Webhook-Signature", "sha256=" + new string('é', 64));
                break;
            case 8: // one flipped bit after signing
                var flipped = (byte[])valid.Body.Clone();
                flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                Body(request, flipped, "application/json");
                break;
            default: // a stale but otherwise genuine delivery
                var stale = valid.Timestamp - random.Next(301, 1_000_000);
                Signed(request, correlationId, valid.Body, stale);
                break;
        }

        return (request, correlationId);
    }

    private static void Signed(HttpRequestMessage request, Guid correlationId, byte[] body, long timestamp, string? eventName = null)
    {
        var secret = MusicEvents.Core.MusicApi.WebhookSecrets.Derive(MusicEventsHosts.MasterKey, correlationId);
        Body(request, body, "application/json");
        Replace(request, "X-Webhook-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        Replace(request, "X-Webhook-Signature", SignedDelivery.Sign(secret, timestamp, body));
        if (eventName is not null)
        {
            Replace(request, "X-Webhook-Event", eventName);
        }
    }

    private static void Body(HttpRequestMessage request, byte[] body, string contentType)
    {
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);
    }

    private static string Pick(Random random) => Junk[random.Next(Junk.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}

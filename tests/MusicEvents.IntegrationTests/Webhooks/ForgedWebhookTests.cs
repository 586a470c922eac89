using System.Net;
using System.Security.Cryptography;
using System.Text;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Webhooks;

[Collection(IntegrationCollection.Name)]
public sealed class ForgedWebhookTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task A_forged_success_webhook_is_answered_401_and_publishes_nothing()
    {
        // A real task that never finishes, so that only the forgery could complete it.
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+never", 0, Length: 1);
        await hosts.Events.Publisher.Publish(command);
        var submitted = await hosts.Events.WaitForAsync<TrackSubmitted>(command.CorrelationId);

        var body = $$"""{"task_id":"{{submitted.TaskId}}","platform":"producer","event":"song.completed","code":200,"message":"success","data":[{"clip_id":"forged","audio_url":"http://127.0.0.1/evil.wav"}]}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var wrongSecret = Encoding.UTF8.GetBytes("not-the-task-secret");
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(wrongSecret, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

        using var request = new HttpRequestMessage(HttpMethod.Post, hosts.DevHostRoute($"/api/webhooks/musicapi?cid={command.CorrelationId:D}"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Webhook-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Webhook-Event", "song.completed");
        request.Headers.Add("X-Webhook-Timestamp", timestamp);
        request.Headers.Add("X-Webhook-Signature", $"sha256={signature}");
        var response = await hosts.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(hosts.Events.For(command.CorrelationId), e => e is TrackCompleted or TrackFailed or TrackStored);
    }
}

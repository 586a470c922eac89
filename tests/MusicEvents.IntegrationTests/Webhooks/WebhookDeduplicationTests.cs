using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Webhooks;

[Collection(IntegrationCollection.Name)]
public sealed class WebhookDeduplicationTests(MusicEventsHosts hosts)
{
    private string AudioUrl => new Uri(hosts.SandboxUrl, "/sandbox/audio/none/none.wav").ToString();

    [Fact]
    public async Task Twenty_concurrent_copies_of_one_delivery_publish_exactly_one_event()
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-twenty", AudioUrl, MusicEventsHosts.MasterKey);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = delivery.ToRequest(hosts.DevHostUrl);
            return (await hosts.Http.SendAsync(request)).StatusCode;
        }));

        Assert.All(responses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.OK, responses);
        await hosts.Events.WaitForAsync<TrackCompleted>(delivery.CorrelationId);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(hosts.Events.For(delivery.CorrelationId).OfType<TrackCompleted>());

        // Sent again once all are done: a plain duplicate, answered 200 with nothing new.
        var again = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(hosts.Events.For(delivery.CorrelationId).OfType<TrackCompleted>());
    }

    [Fact]
    public async Task The_first_final_report_wins_and_streaming_changes_nothing()
    {
        var correlationId = Guid.NewGuid();
        var streaming = SignedDelivery.Create(correlationId, """{"task_id":"task-order","event":"song.streaming"}""", "song.streaming", MusicEventsHosts.MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await hosts.Http.SendAsync(streaming.ToRequest(hosts.DevHostUrl))).StatusCode);
        var status = await hosts.Http.GetAsync(hosts.DevHostRoute($"/api/tracks/{correlationId:D}"));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);

        var completed = SignedDelivery.Completed(correlationId, "task-order", AudioUrl, MusicEventsHosts.MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await hosts.Http.SendAsync(completed.ToRequest(hosts.DevHostUrl))).StatusCode);
        await hosts.Events.WaitForAsync<TrackCompleted>(correlationId);

        var lateFailure = SignedDelivery.Failed(correlationId, "task-order", MusicEventsHosts.MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await hosts.Http.SendAsync(lateFailure.ToRequest(hosts.DevHostUrl))).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(hosts.Events.For(correlationId), e => e is TrackFailed { Reason: TrackFailureReason.ProviderFailed });
        Assert.Single(hosts.Events.For(correlationId).OfType<TrackCompleted>());
    }

    [Fact]
    public async Task A_kept_delivery_can_be_replayed_by_an_operator_and_republishes_its_event()
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-replay", AudioUrl, MusicEventsHosts.MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl))).StatusCode);
        await hosts.Events.WaitForAsync<TrackCompleted>(delivery.CorrelationId);

        using var anonymous = new HttpClient();
        var refused = await anonymous.PostAsync(hosts.DevHostRoute($"/api/webhooks/musicapi/replay/{delivery.WebhookId}"), null);
        var replayed = await hosts.Http.PostAsync(hosts.DevHostRoute($"/api/webhooks/musicapi/replay/{delivery.WebhookId}"), null);
        var unknown = await hosts.Http.PostAsync(hosts.DevHostRoute("/api/webhooks/musicapi/replay/never-received"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.True((await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("published").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (hosts.Events.For(delivery.CorrelationId).OfType<TrackCompleted>().Count() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, hosts.Events.For(delivery.CorrelationId).OfType<TrackCompleted>().Count());
    }
}

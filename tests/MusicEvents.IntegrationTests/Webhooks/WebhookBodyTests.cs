using System.Net;
using System.Net.Http.Headers;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Webhooks;

[Collection(IntegrationCollection.Name)]
public sealed class WebhookBodyTests(MusicEventsHosts hosts)
{
    private string AudioUrl => new Uri(hosts.SandboxUrl, "/sandbox/audio/none/none.wav").ToString();

    [Fact]
    public async Task A_body_over_one_MiB_is_answered_413()
    {
        var padding = new string(' ', 1024 * 1024);
        var delivery = SignedDelivery.Create(Guid.NewGuid(), "{\"pad\":\"" + padding + "\"}", "song.completed", MusicEventsHosts.MasterKey);

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_one_MiB_is_answered_413_too()
    {
        var delivery = SignedDelivery.Create(Guid.NewGuid(), "{}", "song.completed", MusicEventsHosts.MasterKey);
        using var request = delivery.ToRequest(hosts.DevHostUrl);
        request.Content = new StreamContent(new MemoryStream(new byte[(1024 * 1024) + 1]));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await hosts.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_well_signed_delivery_that_is_not_JSON_is_answered_400()
    {
        var delivery = SignedDelivery.Create(Guid.NewGuid(), "{\"task_id\": \"x\", ", "song.completed", MusicEventsHosts.MasterKey);

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(hosts.Events.For(delivery.CorrelationId));
    }

    [Fact]
    public async Task A_well_signed_delivery_with_another_content_type_is_answered_400()
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-text", AudioUrl, MusicEventsHosts.MasterKey);

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_genuine_delivery_for_a_task_without_a_record_is_kept_and_published()
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-no-record", AudioUrl, MusicEventsHosts.MasterKey);

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completed = await hosts.Events.WaitForAsync<TrackCompleted>(delivery.CorrelationId);
        Assert.Equal("task-no-record", completed.TaskId);
        Assert.Equal(TrackOperation.Unknown, completed.Operation);
    }

    [Fact]
    public async Task Every_payload_variant_is_read_duration_as_text_data_as_object_task_id_inside_data()
    {
        var correlationId = Guid.NewGuid();
        var body = $$"""{"platform":"producer","code":200,"data":{"task_id":"task-inner","clip_id":"c1","audio_url":"{{AudioUrl}}","duration":"104.88","title":"Night"} }""";
        var delivery = SignedDelivery.Create(correlationId, body, "song.completed", MusicEventsHosts.MasterKey);

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completed = await hosts.Events.WaitForAsync<TrackCompleted>(correlationId);
        Assert.Equal("task-inner", completed.TaskId);
        var clip = Assert.Single(completed.Clips);
        Assert.Equal(("c1", 104.88, "Night"), (clip.ClipId, clip.DurationSeconds, clip.Title));
    }

    [Fact]
    public async Task A_failure_payload_becomes_ProviderFailed_with_the_refund_flag()
    {
        var delivery = SignedDelivery.Failed(Guid.NewGuid(), "task-failed", MusicEventsHosts.MasterKey);

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failed = await hosts.Events.WaitForAsync<TrackFailed>(delivery.CorrelationId);
        Assert.Equal((TrackFailureReason.ProviderFailed, true, "upstream failure"), (failed.Reason, failed.CreditsRefunded, failed.Message));
    }
}

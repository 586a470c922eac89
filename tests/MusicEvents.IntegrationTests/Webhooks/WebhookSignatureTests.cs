using System.Net;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Webhooks;

[Collection(IntegrationCollection.Name)]
public sealed class WebhookSignatureTests(MusicEventsHosts hosts)
{
    private string AudioUrl => new Uri(hosts.SandboxUrl, "/sandbox/audio/none/none.wav").ToString();

    [Fact]
    public async Task A_delivery_signed_under_the_previous_master_key_is_believed_during_a_rotation()
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-rotated", AudioUrl, MusicEventsHosts.PreviousMasterKey);

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("task-rotated", (await hosts.Events.WaitForAsync<TrackCompleted>(delivery.CorrelationId)).TaskId);
    }

    [Fact]
    public async Task A_delivery_signed_under_a_key_we_do_not_hold_is_refused()
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-unknown-key", AudioUrl, "a-key-never-configured");

        var response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingPublishedAsync(delivery.CorrelationId);
    }

    [Theory]
    [InlineData(-300, HttpStatusCode.OK)]
    [InlineData(300, HttpStatusCode.OK)]
    [InlineData(-301, HttpStatusCode.Unauthorized)]
    [InlineData(301, HttpStatusCode.Unauthorized)]
    public async Task The_timestamp_may_be_300_seconds_off_either_way_and_no_more(int offsetSeconds, HttpStatusCode expected)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-clock", AudioUrl, MusicEventsHosts.MasterKey, now.ToUnixTimeSeconds() + offsetSeconds);

        HttpResponseMessage response;
        using (hosts.Clock.FreezeAt(now))
        {
            response = await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl));
        }

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Webhook-Signature")]
    [InlineData("X-Webhook-Timestamp")]
    [InlineData("X-Webhook-Id")]
    public async Task A_delivery_missing_a_header_is_refused(string header)
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-headers", AudioUrl, MusicEventsHosts.MasterKey);
        using var request = delivery.ToRequest(hosts.DevHostUrl);
        request.Headers.Remove(header);

        var response = await hosts.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingPublishedAsync(delivery.CorrelationId);
    }

    [Theory]
    [InlineData("X-Webhook-Signature", "sha256=zz")]
    [InlineData("X-Webhook-Signature", "md5=0123")]
    [InlineData("X-Webhook-Timestamp", "yesterday")]
    [InlineData("X-Webhook-Timestamp", "99999999999999999999999")]
    public async Task A_delivery_with_a_malformed_header_is_refused(string header, string value)
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-malformed", AudioUrl, MusicEventsHosts.MasterKey);
        using var request = delivery.ToRequest(hosts.DevHostUrl);
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await hosts.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingPublishedAsync(delivery.CorrelationId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?cid=")]
    [InlineData("?cid=not-a-guid")]
    public async Task A_delivery_without_a_valid_cid_is_refused(string query)
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-cid", AudioUrl, MusicEventsHosts.MasterKey);
        using var request = delivery.ToRequest(hosts.DevHostUrl);
        request.RequestUri = new Uri(hosts.DevHostUrl, "/api/webhooks/musicapi" + query);

        var response = await hosts.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_retired_body_only_X_Signature_scheme_is_refused()
    {
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-legacy", AudioUrl, MusicEventsHosts.MasterKey);
        using var request = delivery.ToRequest(hosts.DevHostUrl);
        request.Headers.Remove("X-Webhook-Signature");
        request.Headers.Add("X-Signature", delivery.Signature);

        var response = await hosts.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingPublishedAsync(delivery.CorrelationId);
    }

    private async Task AssertNothingPublishedAsync(Guid correlationId)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(hosts.Events.For(correlationId));
    }
}

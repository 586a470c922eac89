using System.Net;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Webhooks;

[Collection(IntegrationCollection.Name)]
public sealed class WebhookBrokerOutageTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task A_delivery_refused_with_503_while_RabbitMQ_is_down_is_processed_in_full_when_sent_again()
    {
        var audioUrl = new Uri(hosts.SandboxUrl, "/sandbox/audio/none/none.wav").ToString();
        var delivery = SignedDelivery.Completed(Guid.NewGuid(), "task-outage", audioUrl, MusicEventsHosts.MasterKey);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendWhileRabbitMqIsDownAsync(delivery));

        // The sender's retries: 503 until the bus has reconnected, then 200.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            status = (await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl))).StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        await hosts.Events.WaitForAsync<TrackCompleted>(delivery.CorrelationId, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(hosts.Events.For(delivery.CorrelationId).OfType<TrackCompleted>());
    }

    [Fact]
    public async Task A_delivery_refused_with_503_whose_sender_never_retries_is_caught_by_polling_and_announced_as_one_decision()
    {
        // Its webhooks are dropped by the sandbox: only the forged-by-us copy below and the poll can tell.
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+drop", 1, Length: 1);
        await hosts.Events.Publisher.Publish(command);
        var submitted = await hosts.Events.WaitForAsync<TrackSubmitted>(command.CorrelationId);
        var audioUrl = new Uri(hosts.SandboxUrl, "/sandbox/audio/none/none.wav").ToString();
        var delivery = SignedDelivery.Completed(command.CorrelationId, submitted.TaskId, audioUrl, MusicEventsHosts.MasterKey);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendWhileRabbitMqIsDownAsync(delivery));

        await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Polls queued while the broker was away may each go out once it is back: events are
        // delivered at least once, every copy the same decision with the same time.
        Assert.Single(hosts.Events.For(command.CorrelationId).OfType<TrackCompleted>().Select(e => (e.TaskId, e.CompletedAt)).Distinct());
        Assert.DoesNotContain(hosts.Events.For(command.CorrelationId), e => e is TrackFailed);
    }

    private async Task<HttpStatusCode> SendWhileRabbitMqIsDownAsync(SignedDelivery delivery)
    {
        await Broker.StopAsync();
        try
        {
            return (await hosts.Http.SendAsync(delivery.ToRequest(hosts.DevHostUrl))).StatusCode;
        }
        finally
        {
            await Broker.StartAsync();
        }
    }
}

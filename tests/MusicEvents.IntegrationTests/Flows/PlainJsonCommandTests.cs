using System.Text;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace MusicEvents.IntegrationTests.Flows;

/// <summary>A service in another language publishes a plain JSON command, no MassTransit envelope.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class PlainJsonCommandTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task A_plain_JSON_extend_command_published_with_RabbitMQ_Client_is_processed_like_any_other()
    {
        var correlationId = Guid.NewGuid();
        var json = $$"""{"correlationId":"{{correlationId}}","clipId":"clip-{{Guid.NewGuid():N}}","startsAt":2.5,"length":1}""";
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
            await channel.BasicPublishAsync("MusicEvents.Contracts:ExtendTrackCommand", "", mandatory: true, properties, Encoding.UTF8.GetBytes(json));
        }

        var submitted = await hosts.Events.WaitForAsync<TrackSubmitted>(correlationId);
        var stored = await hosts.Events.WaitForAsync<TrackStored>(correlationId);
        Assert.Equal(TrackOperation.Extend, submitted.Operation);
        Assert.Equal(44 + (1 * 8000 * 2), stored.SizeBytes);
    }
}

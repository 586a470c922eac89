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

    [Theory]
    [InlineData("MusicEvents.Contracts:ExtendTrackCommand", """{"correlationId":"{0}","clipId":"clip-{1}","startsAt":2.5,"lenght":30}""", "lenght")]
    [InlineData("MusicEvents.Contracts:ReplaceSectionCommand", """{"CorrelationId":"{0}","ClipId":"clip-{1}","StartsAt":1,"EndsAt":3,"Lenght":2}""", "Lenght")]
    public async Task A_plain_JSON_command_with_an_unknown_field_fails_as_InvalidRequest_naming_it_and_is_never_submitted(
        string exchange, string template, string field)
    {
        var correlationId = Guid.NewGuid();
        var json = template.Replace("{0}", correlationId.ToString(), StringComparison.Ordinal).Replace("{1}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
        await PublishAsync(exchange, json);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(correlationId);

        Assert.Equal(TrackFailureReason.InvalidRequest, failed.Reason);
        Assert.Contains($"'{field}' is not a field", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hosts.Events.For(correlationId), e => e is TrackSubmitted);
        Assert.DoesNotContain(hosts.Sandbox.Calls, c => c.CorrelationId == correlationId.ToString());
    }

    private static async Task PublishAsync(string exchange, string json)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, Encoding.UTF8.GetBytes(json));
    }
}

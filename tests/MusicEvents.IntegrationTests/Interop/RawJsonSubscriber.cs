using System.Collections.Concurrent;
using System.Text.Json;
using MusicEvents.Core.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>
/// A subscriber that knows nothing of MassTransit or of the contracts assembly: a temporary queue
/// bound to every event exchange with RabbitMQ.Client, each message kept as the JSON it was.
/// </summary>
public sealed class RawJsonSubscriber : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonElement> received = new();
    private readonly IConnection connection;
    private readonly IChannel channel;

    private RawJsonSubscriber(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<RawJsonSubscriber> StartAsync(string rabbitMq)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var subscriber = new RawJsonSubscriber(connection, channel);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var type in PublishedMessages.Events)
        {
            await channel.QueueBindAsync(queue, PublishedMessages.ExchangeOf(type), "");
        }

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            subscriber.received.Enqueue(JsonDocument.Parse(delivery.Body).RootElement.Clone());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return subscriber;
    }

    /// <summary>The envelope's <c>message</c> of the first event of <paramref name="eventName"/> for the correlation id.</summary>
    public async Task<JsonElement> WaitForAsync(string eventName, Guid correlationId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var envelope in received)
            {
                var types = envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString());
                var message = envelope.GetProperty("message");
                if (types.Contains($"urn:message:MusicEvents.Contracts:{eventName}")
                    && message.GetProperty("correlationId").GetGuid() == correlationId)
                {
                    return message;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No {eventName} for {correlationId} among {received.Count} raw messages.");
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}

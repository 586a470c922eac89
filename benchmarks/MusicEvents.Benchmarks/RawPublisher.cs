using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MusicEvents.Contracts;
using RabbitMQ.Client;

namespace MusicEvents.Benchmarks;

/// <summary>
/// The broker's own limit for what the webhook does once: a persistent, confirmed publish of a
/// <see cref="TrackCompleted"/> in MassTransit's JSON envelope, with plain RabbitMQ.Client on one
/// channel (as MassTransit publishes), into a durable quorum queue like the ones MusicEvents declares.
/// The queue is the benchmark's own, purged after every run and deleted at the end.
/// </summary>
public sealed class RawPublisher : IAsyncDisposable
{
    private const string Exchange = "musicevents-bench:TrackCompleted";
    private const string Queue = "musicevents-bench-raw-publish";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string brokerUri;

    private RawPublisher(IConnection connection, IChannel channel, string brokerUri)
    {
        this.connection = connection;
        this.channel = channel;
        this.brokerUri = brokerUri;
    }

    public string ServerVersion =>
        connection.ServerProperties?.TryGetValue("version", out var v) == true && v is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "?";

    public static async Task<RawPublisher> StartAsync(string amqpUri)
    {
        var uri = new Uri(amqpUri);
        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = "musicevents-bench-raw" };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await channel.QueueBindAsync(Queue, Exchange, "");
        return new RawPublisher(connection, channel, $"rabbitmq://{uri.Host}:{uri.Port}/");
    }

    /// <returns>Null once the broker has confirmed the message.</returns>
    public async Task<string?> PublishAsync()
    {
        var delivery = BenchDelivery.Create("raw-publish");
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/vnd.masstransit+json",
            MessageId = Guid.NewGuid().ToString(),
        };
        await channel.BasicPublishAsync(Exchange, "", mandatory: false, properties, Envelope(delivery));
        return null;
    }

    public Task PurgeAsync() => channel.QueuePurgeAsync(Queue);

    public async ValueTask DisposeAsync()
    {
        await channel.QueueDeleteAsync(Queue);
        await channel.ExchangeDeleteAsync(Exchange);
        await channel.CloseAsync();
        await connection.CloseAsync();
        channel.Dispose();
        connection.Dispose();
    }

    /// <summary>The event the webhook publishes for this delivery, in an envelope of MassTransit's shape and size.</summary>
    private byte[] Envelope(BenchDelivery delivery)
    {
        var clipUrl = $"https://{BenchDelivery.RefusedAudioHost}/audio/{delivery.TaskId}/clip.wav";
        var message = new TrackCompleted(
            delivery.CorrelationId, delivery.TaskId, TrackOperation.Unknown,
            [new CompletedClip(Guid.NewGuid().ToString(), clipUrl, null, clipUrl.Replace(".wav", ".png", StringComparison.Ordinal), "Benchmark delivery", 1.0)],
            DateTimeOffset.UtcNow);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = Guid.NewGuid(),
            requestId = (Guid?)null,
            correlationId = (Guid?)null,
            conversationId = Guid.NewGuid(),
            initiatorId = (Guid?)null,
            sourceAddress = $"{brokerUri}{Environment.MachineName}_MusicEventsDevHost_bus_{Guid.NewGuid():N}?temporary=true",
            destinationAddress = $"{brokerUri}MusicEvents.Contracts:TrackCompleted",
            messageType = new[] { "urn:message:MusicEvents.Contracts:TrackCompleted" },
            message,
            sentTime = DateTimeOffset.UtcNow,
            headers = new Dictionary<string, object>(),
            host = new
            {
                machineName = Environment.MachineName,
                processName = "MusicEvents.DevHost",
                processId = Environment.ProcessId,
                assembly = "MusicEvents.DevHost",
                assemblyVersion = "1.0.0.0",
                frameworkVersion = Environment.Version.ToString(),
                massTransitVersion = "8.5.12.0",
                operatingSystemVersion = Environment.OSVersion.ToString(),
            },
        }, Json);
    }
}

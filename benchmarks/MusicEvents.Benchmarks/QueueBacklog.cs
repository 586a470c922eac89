using RabbitMQ.Client;

namespace MusicEvents.Benchmarks;

/// <summary>
/// Samples how many messages wait in MusicEvents' consumer queues while a burst is processed:
/// the stage whose queue grows is the one that limits the whole flow.
/// </summary>
public sealed class QueueBacklog : IAsyncDisposable
{
    /// <summary>The DevHost's endpoints (kebab-case consumer names; the archive's is set in its definition).</summary>
    public static readonly string[] Queues = ["extend-track", "archive-track"];

    private readonly IConnection connection;
    private readonly IChannel channel;

    private QueueBacklog(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<QueueBacklog> StartAsync(string amqpUri)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri), ClientProvidedName = "musicevents-bench-backlog" }.CreateConnectionAsync();
        return new QueueBacklog(connection, await connection.CreateChannelAsync());
    }

    /// <summary>Samples every 250 ms until <paramref name="until"/> ends; returns the largest count seen per queue.</summary>
    public async Task<IReadOnlyDictionary<string, uint>> WatchAsync(Task until)
    {
        var largest = Queues.ToDictionary(q => q, _ => 0u);
        while (!until.IsCompleted)
        {
            foreach (var queue in Queues)
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue);
                largest[queue] = Math.Max(largest[queue], ok.MessageCount);
            }

            await Task.WhenAny(until, Task.Delay(250));
        }

        return largest;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
        channel.Dispose();
        connection.Dispose();
    }
}

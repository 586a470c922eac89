using System.Text.Json;
using MusicEvents.Core.Messaging;
using MusicEvents.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>
/// A MusicEvents that has just started on a broker it never used (a virtual host of its own):
/// what a team sees when it subscribes before anything was published.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class FreshBrokerTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Every_exchange_MusicEvents_publishes_to_exists_as_soon_as_it_has_started()
    {
        await using var vhost = await IsolatedVirtualHost.CreateAsync("exchanges");
        var missingBefore = await MissingExchangesAsync(vhost.ConnectionString);
        await using var devHost = await StartDevHostAsync(vhost);

        var missing = await MissingExchangesAsync(vhost.ConnectionString);

        Assert.Equal(PublishedMessages.All.Count, missingBefore.Count); // the check sees a missing exchange
        Assert.Empty(missing);
    }

    [Fact]
    public async Task A_Python_subscriber_bound_before_the_first_event_receives_a_Python_publishers_task_to_the_end()
    {
        await using var vhost = await IsolatedVirtualHost.CreateAsync("python");
        await using var devHost = await StartDevHostAsync(vhost);
        var correlationId = Guid.NewGuid();
        await using var subscriber = ChildProcess.Python(
            "subscribe_events.py", "--amqp", vhost.ConnectionString, "--correlation-id", correlationId.ToString(), "--until", "TrackStored", "--timeout", "60");
        await subscriber.WaitForLineAsync("ready", TimeSpan.FromSeconds(30));

        await using (var publisher = ChildProcess.Python(
            "publish_extend.py", "--amqp", vhost.ConnectionString, "--correlation-id", correlationId.ToString(), "--clip-id", $"clip-{correlationId:N}", "--starts-at", "2.5", "--length", "1"))
        {
            Assert.True(await publisher.ExitAsync(TimeSpan.FromSeconds(30)) == 0, publisher.Describe());
            Assert.Equal([correlationId.ToString()], publisher.Lines);
        }

        Assert.True(await subscriber.ExitAsync(TimeSpan.FromSeconds(90)) == 0, subscriber.Describe());
        var events = subscriber.Lines.Skip(1).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        // At least once: an event may come twice, so the kinds are compared in their first arrival's order.
        Assert.Equal(["TrackSubmitted", "TrackCompleted", "TrackStored"], events.Select(e => e.GetProperty("type").GetString()).Distinct());
        Assert.Equal("Extend", events[0].GetProperty("message").GetProperty("operation").GetString());
        Assert.Equal(44 + (1 * 8000 * 2), events[^1].GetProperty("message").GetProperty("sizeBytes").GetInt64());
    }

    private Task<DevHostProcess> StartDevHostAsync(IsolatedVirtualHost vhost)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        return DevHostProcess.StartAsync(url, hosts.DevHostSettings(url, vhost.ConnectionString));
    }

    /// <summary>The exchanges of <see cref="PublishedMessages.All"/> a passive declare does not find.</summary>
    private static async Task<List<string>> MissingExchangesAsync(string rabbitMq)
    {
        var missing = new List<string>();
        await using var connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
        foreach (var type in PublishedMessages.All)
        {
            // A failed passive declare closes the channel: one channel per exchange.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                await channel.ExchangeDeclarePassiveAsync(PublishedMessages.ExchangeOf(type));
            }
            catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
            {
                missing.Add(PublishedMessages.ExchangeOf(type));
            }
        }

        return missing;
    }
}

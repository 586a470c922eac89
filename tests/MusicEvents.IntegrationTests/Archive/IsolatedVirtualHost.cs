using MusicEvents.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// A RabbitMQ virtual host of the test's own on the run's broker: a second DevHost connected to it
/// has queues of its own, so the shared DevHost cannot take its messages (and the other way round).
/// </summary>
public sealed class IsolatedVirtualHost : IAsyncDisposable
{
    private IsolatedVirtualHost(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>amqp://… with this virtual host as the path.</summary>
    public string ConnectionString { get; }

    public static async Task<IsolatedVirtualHost> CreateAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        await Broker.CtlAsync("add_vhost", name);
        await Broker.CtlAsync("set_permissions", "-p", name, new Uri(TestEnvironment.RabbitMq).UserInfo.Split(':')[0], ".*", ".*", ".*");
        var connectionString = new UriBuilder(TestEnvironment.RabbitMq) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
        return new IsolatedVirtualHost(name, connectionString);
    }

    /// <summary>Waits until a consumer listens on <paramref name="queue"/>: only then is a published message routed to it.</summary>
    public async Task WaitForConsumerAsync(string queue, TimeSpan timeout, Func<string> diagnostics)
    {
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var channel = await connection.CreateChannelAsync();
                if ((await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount > 0)
                {
                    return;
                }
            }
            catch (OperationInterruptedException)
            {
                // 404: not declared yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No consumer on {queue} in {Name} after {timeout}: {diagnostics()}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync() => await Broker.CtlAsync("delete_vhost", Name);
}


namespace MusicEvents.IntegrationTests.Infrastructure;

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

    public async ValueTask DisposeAsync() => await Broker.CtlAsync("delete_vhost", Name);
}

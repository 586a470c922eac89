using System.Collections.Concurrent;
using MassTransit;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// A bus of the tests' own on the same RabbitMQ: publishes commands as another service would and
/// records every MusicEvents event it hears, so a test can wait for the ones of its correlation id.
/// </summary>
public sealed class EventObserver : IAsyncDisposable
{
    /// <summary>The start of the observer's queue name (and of its spans' names).</summary>
    public const string EndpointPrefix = "integration-observer-";

    private readonly ConcurrentQueue<object> events = new();
    private readonly SemaphoreSlim arrived = new(0);
    private readonly IBusControl bus;

    private EventObserver(IBusControl bus) => this.bus = bus;

    public IPublishEndpoint Publisher => bus;

    public static async Task<EventObserver> StartAsync(string rabbitMq)
    {
        var address = RabbitMqAddress.Parse(rabbitMq);
        EventObserver? observer = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
            });
            cfg.ReceiveEndpoint($"{EndpointPrefix}{Guid.NewGuid():N}", e =>
            {
                // Durable, so events published while the broker restarts wait here for the observer.
                e.AutoDelete = false;
                e.Durable = true;
                e.Handler<TrackSubmitted>(c => observer!.Record(c.Message));
                e.Handler<TrackCompleted>(c => observer!.Record(c.Message));
                e.Handler<TrackFailed>(c => observer!.Record(c.Message));
                e.Handler<TrackStored>(c => observer!.Record(c.Message));
            });
        });
        observer = new EventObserver(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return observer;
    }

    public IReadOnlyList<object> For(Guid correlationId) =>
        [.. events.Where(e => CorrelationIdOf(e) == correlationId)];

    public async Task<T> WaitForAsync<T>(Guid correlationId, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (events.OfType<T>().FirstOrDefault(e => CorrelationIdOf(e) == correlationId) is { } found)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var seen = string.Join(", ", For(correlationId).Select(e => e.GetType().Name));
                throw new TimeoutException($"No {typeof(T).Name} for {correlationId}; seen: [{seen}]");
            }

            await arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    private Task Record(object message)
    {
        events.Enqueue(message);
        arrived.Release();
        return Task.CompletedTask;
    }

    private static Guid CorrelationIdOf(object message) => message switch
    {
        TrackSubmitted m => m.CorrelationId,
        TrackCompleted m => m.CorrelationId,
        TrackFailed m => m.CorrelationId,
        TrackStored m => m.CorrelationId,
        _ => Guid.Empty,
    };
}

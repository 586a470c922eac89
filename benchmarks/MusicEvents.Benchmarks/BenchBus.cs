using System.Collections.Concurrent;
using MassTransit;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Benchmarks;

/// <summary>
/// The benchmark's bus on the same RabbitMQ, as another service of MusicEvents' would have: it
/// publishes commands and events and hears every <see cref="TrackStored"/> and <see cref="TrackFailed"/>,
/// keeping the first final event of each correlation id with the time it arrived.
/// </summary>
public sealed class BenchBus : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, EventArrival> arrivals = new();
    private readonly IBusControl bus;

    private BenchBus(Func<BenchBus, IBusControl> create) => bus = create(this);

    public IPublishEndpoint Publisher => bus;

    public static async Task<BenchBus> StartAsync(string rabbitMq)
    {
        var address = RabbitMqAddress.Parse(rabbitMq);
        var benchBus = new BenchBus(self => Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
            });
            cfg.ReceiveEndpoint($"musicevents-bench-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<TrackStored>(c => self.Record(c.Message.CorrelationId, c.Message));
                e.Handler<TrackFailed>(c => self.Record(c.Message.CorrelationId, c.Message));
            });
        }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await benchBus.bus.StartAsync(timeout.Token);
        return benchBus;
    }

    public EventArrival? Find(Guid correlationId) => arrivals.GetValueOrDefault(correlationId);

    /// <summary>Waits until every id has its final event or the time is up; returns how many have.</summary>
    public async Task<int> WaitForAsync(IReadOnlyCollection<Guid> correlationIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var arrived = correlationIds.Count(arrivals.ContainsKey);
            if (arrived == correlationIds.Count || DateTime.UtcNow >= deadline)
            {
                return arrived;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    private Task Record(Guid correlationId, object message)
    {
        arrivals.TryAdd(correlationId, new EventArrival(message, System.Diagnostics.Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }
}

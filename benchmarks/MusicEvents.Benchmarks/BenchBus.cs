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
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<EventArrival>> waiters = new();
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

    /// <summary>The final event of one id as soon as it arrives (no polling: single flows are timed back to back), or null when the time is up.</summary>
    public async Task<EventArrival?> WaitForOneAsync(Guid correlationId, TimeSpan timeout)
    {
        var waiter = waiters.GetOrAdd(correlationId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            // Registered before this look, so an arrival in between completes the waiter.
            if (arrivals.TryGetValue(correlationId, out var arrived))
            {
                return arrived;
            }

            return await waiter.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            waiters.TryRemove(correlationId, out _);
        }
    }

    /// <summary>
    /// Another receive endpoint on this bus, for one scenario only (its queue goes when it stops),
    /// so that the messages it binds load nothing while the other scenarios run.
    /// </summary>
    public async Task<HostReceiveEndpointHandle> ConnectEndpointAsync(Action<IReceiveEndpointConfigurator> configure)
    {
        var handle = bus.ConnectReceiveEndpoint($"musicevents-bench-{Guid.NewGuid():N}", e =>
        {
            if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            configure(e);
        });
        await handle.Ready;
        return handle;
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    private Task Record(Guid correlationId, object message)
    {
        var arrival = new EventArrival(message, System.Diagnostics.Stopwatch.GetTimestamp());
        if (arrivals.TryAdd(correlationId, arrival) && waiters.TryGetValue(correlationId, out var waiter))
        {
            waiter.TrySetResult(arrival);
        }

        return Task.CompletedTask;
    }
}

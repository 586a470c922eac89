using System.Collections.Concurrent;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>
/// <see cref="ITrackTaskStore"/> and <see cref="IKeptDeliveries"/> in memory, with the Table store's
/// ETag semantics: an insert finds no record, a replace finds the version it was read at, anything
/// else is a conflict (and keeps no delivery either).
/// </summary>
internal sealed class InMemoryTrackTaskStore : ITrackTaskStore, IKeptDeliveries
{
    private readonly ConcurrentDictionary<Guid, TrackTask> tasks = new();
    private readonly ConcurrentDictionary<(Guid, string), (WebhookDelivery Delivery, DateTimeOffset KeptAt)> deliveries = new();
    private readonly ConcurrentDictionary<Guid, string> reservations = new();
    private readonly RecentTrackTasks recent = new(TimeProvider.System);
    private long version;
    private int saves;
    private int finds;

    /// <summary>Successful writes so far.</summary>
    public int Saves => Volatile.Read(ref saves);

    /// <summary>Reads of a record so far (what FindToChangeAsync answered from the versions this store holds is not one).</summary>
    public int Finds => Volatile.Read(ref finds);

    public Task<TrackTask?> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref finds);
        if (!tasks.TryGetValue(correlationId, out var task))
        {
            recent.Forget(correlationId);
            return Task.FromResult<TrackTask?>(null);
        }

        recent.Remember(task);
        return Task.FromResult<TrackTask?>(task);
    }

    /// <summary>As the Table store: the version this store wrote or read last, else a read.</summary>
    public async Task<TrackTaskRead> FindToChangeAsync(Guid correlationId, CancellationToken cancellationToken) =>
        recent.Recall(correlationId) is { } remembered
            ? new(remembered, Remembered: true)
            : new(await FindAsync(correlationId, cancellationToken), Remembered: false);

    /// <summary>Makes <paramref name="older"/> the version FindToChangeAsync answers, as if another instance had written since.</summary>
    public void RememberOlder(TrackTask older) => recent.Remember(older);

    /// <summary>Drops the version this store holds of a task, as a process that never read it (or restarted since) would have none.</summary>
    public void ForgetRemembered(Guid correlationId) => recent.Forget(correlationId);

    public Task<TrackTask> SaveAsync(TrackTask task, CancellationToken cancellationToken) => SaveAsync(task, null, cancellationToken);

    public Task<TrackTask> SaveAsync(TrackTask task, WebhookDelivery? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var saved = task with { ETag = $"v{Interlocked.Increment(ref version)}" };
        var written = task.ETag is null
            ? tasks.TryAdd(task.CorrelationId, saved)
            : tasks.TryGetValue(task.CorrelationId, out var current) && current.ETag == task.ETag && tasks.TryUpdate(task.CorrelationId, saved, current);
        if (!written)
        {
            recent.ForgetVersion(task.CorrelationId, task.ETag);
            throw TrackTaskConflictException.For(task.CorrelationId);
        }

        recent.Remember(saved);
        Interlocked.Increment(ref saves);
        if (delivery is not null)
        {
            deliveries[(delivery.CorrelationId, delivery.WebhookId)] = (delivery, saved.UpdatedAt);
        }

        return Task.FromResult(saved);
    }

    /// <summary>The deliveries kept so far.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => [.. deliveries.Values.Select(d => d.Delivery)];

    public Task KeepAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        deliveries[(delivery.CorrelationId, delivery.WebhookId)] = (delivery, delivery.ReceivedAt);
        return Task.CompletedTask;
    }

    public Task<WebhookDelivery?> FindAsync(string webhookId, Guid? correlationId, CancellationToken cancellationToken) =>
        Task.FromResult(deliveries.Values
            .Where(d => d.Delivery.WebhookId == webhookId && (correlationId is null || d.Delivery.CorrelationId == correlationId))
            .Select(d => d.Delivery)
            .FirstOrDefault());

    public Task<IReadOnlyList<KeptDelivery>> ListRecentAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeptDelivery>>([.. deliveries.Values
            .Where(d => d.Delivery.ReceivedAt >= since)
            .OrderByDescending(d => d.Delivery.ReceivedAt)
            .Take(limit)
            .Select(d => new KeptDelivery(d.Delivery.WebhookId, d.Delivery.CorrelationId, d.Delivery.Event, d.Delivery.ReceivedAt, d.KeptAt))]);

    public Task<string> ReserveAsync(Guid correlationId, string fingerprint, CancellationToken cancellationToken) =>
        Task.FromResult(reservations.GetOrAdd(correlationId, fingerprint));

    public Task<FinishedTaskDeletion> DeleteIfFinishedBeforeAsync(Guid correlationId, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        if (tasks.TryGetValue(correlationId, out var task))
        {
            if (task.IsOpen)
            {
                return Task.FromResult<FinishedTaskDeletion>(new FinishedTaskDeletion.Open());
            }

            if (task.UpdatedAt >= finishedBefore)
            {
                return Task.FromResult<FinishedTaskDeletion>(new FinishedTaskDeletion.ChangedSince(task.UpdatedAt));
            }

            if (!tasks.TryRemove(KeyValuePair.Create(correlationId, task)))
            {
                return Task.FromResult<FinishedTaskDeletion>(new FinishedTaskDeletion.Contended());
            }
        }

        recent.Forget(correlationId);
        reservations.TryRemove(correlationId, out _);
        foreach (var key in deliveries.Keys.Where(k => k.Item1 == correlationId))
        {
            deliveries.TryRemove(key, out _);
        }

        return Task.FromResult<FinishedTaskDeletion>(new FinishedTaskDeletion.Deleted());
    }

    /// <summary>Whether a request reserved this id (and retention has not deleted it).</summary>
    public bool IsReserved(Guid correlationId) => reservations.ContainsKey(correlationId);

    /// <summary>Puts a record in place as if a consumer had saved it.</summary>
    public TrackTask Put(TrackTask task) => SaveAsync(task with { ETag = null }, CancellationToken.None).Result;

    public TrackTask Get(Guid correlationId) => tasks[correlationId];
}

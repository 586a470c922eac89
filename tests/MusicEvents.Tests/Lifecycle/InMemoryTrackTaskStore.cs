using System.Collections.Concurrent;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>
/// <see cref="ITrackTaskStore"/> in memory, with the Table store's ETag semantics: an insert finds
/// no record, a replace finds the version it was read at, anything else is a conflict.
/// </summary>
internal sealed class InMemoryTrackTaskStore : ITrackTaskStore
{
    private readonly ConcurrentDictionary<Guid, TrackTask> tasks = new();
    private readonly ConcurrentDictionary<Guid, string> reservations = new();
    private long version;
    private int saves;

    /// <summary>Successful writes so far.</summary>
    public int Saves => Volatile.Read(ref saves);

    public Task<TrackTask?> FindAsync(Guid correlationId, CancellationToken cancellationToken) =>
        Task.FromResult(tasks.TryGetValue(correlationId, out var task) ? task : null);

    public Task<TrackTask> SaveAsync(TrackTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var saved = task with { ETag = $"v{Interlocked.Increment(ref version)}" };
        var written = task.ETag is null
            ? tasks.TryAdd(task.CorrelationId, saved)
            : tasks.TryGetValue(task.CorrelationId, out var current) && current.ETag == task.ETag && tasks.TryUpdate(task.CorrelationId, saved, current);
        if (!written)
        {
            throw TrackTaskConflictException.For(task.CorrelationId);
        }

        Interlocked.Increment(ref saves);
        return Task.FromResult(saved);
    }

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

        reservations.TryRemove(correlationId, out _);
        return Task.FromResult<FinishedTaskDeletion>(new FinishedTaskDeletion.Deleted());
    }

    /// <summary>Whether a request reserved this id (and retention has not deleted it).</summary>
    public bool IsReserved(Guid correlationId) => reservations.ContainsKey(correlationId);

    /// <summary>Puts a record in place as if a consumer had saved it.</summary>
    public TrackTask Put(TrackTask task) => SaveAsync(task with { ETag = null }, CancellationToken.None).Result;

    public TrackTask Get(Guid correlationId) => tasks[correlationId];
}

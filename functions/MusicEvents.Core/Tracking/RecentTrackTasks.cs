namespace MusicEvents.Core.Tracking;

/// <summary>
/// The records this process read or wrote last, a bounded number for a short while, so that the
/// consumer taking a task's next input (the report after the create call, the archive after the
/// report) can skip the read when this process made the last write. Least recently used first out.
/// Only a version about to be written against its ETag may come from here: a version another
/// instance replaced meanwhile is then refused as a conflict and the retry reads the record.
/// </summary>
public sealed class RecentTrackTasks(TimeProvider time, int capacity = RecentTrackTasks.DefaultCapacity, TimeSpan? keepFor = null)
{
    public const int DefaultCapacity = 2048;
    private static readonly TimeSpan DefaultKeepFor = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, LinkedListNode<Entry>> entries = [];
    private readonly LinkedList<Entry> order = new();
    private readonly TimeSpan keepFor = keepFor ?? DefaultKeepFor;

    public void Remember(TrackTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var entry = new Entry(task, time.GetUtcNow());
        lock (gate)
        {
            if (entries.Remove(task.CorrelationId, out var old))
            {
                order.Remove(old);
            }

            entries[task.CorrelationId] = order.AddFirst(entry);
            while (entries.Count > capacity && order.Last is { } oldest)
            {
                entries.Remove(oldest.Value.Task.CorrelationId);
                order.RemoveLast();
            }
        }
    }

    /// <returns>The version remembered for <paramref name="correlationId"/>, unless none is, or it is older than the time it is kept.</returns>
    public TrackTask? Recall(Guid correlationId)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(correlationId, out var node))
            {
                return null;
            }

            if (time.GetUtcNow() - node.Value.At > keepFor)
            {
                entries.Remove(correlationId);
                order.Remove(node);
                return null;
            }

            order.Remove(node);
            order.AddFirst(node);
            return node.Value.Task;
        }
    }

    /// <summary>
    /// After a write refused at <paramref name="refusedETag"/>: that version goes, but a newer one this
    /// process wrote since (the write that won, by another consumer here) stays, so that the loser's
    /// retry starts from it without a read.
    /// </summary>
    public void ForgetVersion(Guid correlationId, string? refusedETag)
    {
        lock (gate)
        {
            // An insert refused (no ETag) leaves the version that exists, if this process holds it.
            if (entries.TryGetValue(correlationId, out var node) && node.Value.Task.ETag == refusedETag)
            {
                entries.Remove(correlationId);
                order.Remove(node);
            }
        }
    }

    public void Forget(Guid correlationId)
    {
        lock (gate)
        {
            if (entries.Remove(correlationId, out var node))
            {
                order.Remove(node);
            }
        }
    }

    private sealed record Entry(TrackTask Task, DateTimeOffset At);
}

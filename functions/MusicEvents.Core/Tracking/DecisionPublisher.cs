using MassTransit;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Publishes the event of a task's final decision when it was written outside a consumer (webhook,
/// poll, reconciler), where no outbox covers a failed publish. A decision is written pending and
/// leased to its writer; the mark is cleared only once the publish succeeded, a failed publish
/// gives the lease back, and whoever takes a pending decision later (the same report again, or the
/// reconciler) must first take its lease: so it is published at least once, and by one at a time.
/// </summary>
public sealed class DecisionPublisher(TrackTaskStore store, TimeProvider time)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The decision as its writer stores it: its event pending and leased to the writer.</summary>
    public static TrackTask Pending(TrackTask decided, string eventId, DateTimeOffset now) =>
        decided with { FinalEventId = eventId, EventPending = true, EventLeasedUntil = now + Lease };

    /// <summary>Publishes a decision this caller holds the lease of, then clears the mark.</summary>
    public async Task PublishOwnedAsync(TrackTask decided, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(decided, publish, cancellationToken);
        }
        catch
        {
            await store.UpdateAsync(
                decided.CorrelationId,
                t => t.EventPending && t.FinalEventId == decided.FinalEventId ? t with { EventLeasedUntil = null } : null,
                CancellationToken.None);
            throw;
        }

        await store.UpdateAsync(
            decided,
            t => t.EventPending && t.FinalEventId == decided.FinalEventId ? t with { EventPending = false, EventLeasedUntil = null } : null,
            cancellationToken);
    }

    /// <summary>Publishes a pending decision unless someone else holds its lease or it went out meanwhile.</summary>
    /// <returns>True when this call published it.</returns>
    public async Task<bool> TryPublishPendingAsync(Guid correlationId, string eventId, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leased = await store.UpdateAsync(
            correlationId,
            t => t.EventPending && t.FinalEventId == eventId && !(t.EventLeasedUntil > now) ? t with { EventLeasedUntil = now + Lease } : null,
            cancellationToken);
        if (leased is null)
        {
            return false;
        }

        await PublishOwnedAsync(leased, publish, cancellationToken);
        return true;
    }

    /// <summary>Publishes a decision again whatever its mark says: an operator's explicit replay.</summary>
    public static async Task PublishAsync(TrackTask decided, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        await publish.Publish(EventOf(decided), timeout.Token);
    }

    /// <summary>
    /// The event of the decision, rebuilt from the record: the task may have moved on since (Stored,
    /// or Failed in storage), and a re-publish must still say what was decided.
    /// </summary>
    private static object EventOf(TrackTask task)
    {
        var completed = task.History.LastOrDefault(h => h.State is TrackTaskState.Completed);
        if (completed is not null)
        {
            return new TrackCompleted(task.CorrelationId, task.TaskId ?? "", task.Operation, [.. task.Clips.Select(c => c.Source)], completed.At);
        }

        var failed = task.History.Last(h => h.State is TrackTaskState.Failed);
        return new TrackFailed(
            task.CorrelationId, task.TaskId, task.FailureReason ?? TrackFailureReason.ProviderFailed, task.FailureMessage ?? "", task.CreditsRefunded, failed.At);
    }
}

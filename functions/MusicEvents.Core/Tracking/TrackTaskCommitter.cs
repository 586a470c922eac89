using MusicEvents.Contracts;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// The last steps every consumer takes: save what a change must save, count its new steps, give
/// back the task's place in the submission gate once it is final and list it there as finished
/// (for retention), hand back its events.
/// </summary>
public sealed class TrackTaskCommitter(ITrackTaskStore store, ISubmissionGate gate, MusicEventsMetrics metrics)
{
    /// <returns>The events for the consumer to publish through its consume context.</returns>
    /// <param name="delivery">The webhook delivery whose report the change takes: kept in the same write.</param>
    public async Task<IReadOnlyList<object>> CommitAsync(TrackTaskChange? change, CancellationToken cancellationToken, WebhookDelivery? delivery = null)
    {
        if (change is null)
        {
            return [];
        }

        await SaveAsync(change, cancellationToken, delivery);
        return change.Events;
    }

    /// <returns>The record as saved (with its new ETag), or as it was when there was nothing to save.</returns>
    public async Task<TrackTask> SaveAsync(TrackTaskChange change, CancellationToken cancellationToken, WebhookDelivery? delivery = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.MustSave)
        {
            return change.Task;
        }

        // This write makes the task final (a new record may be final at once).
        var finishes = !change.Task.IsOpen && change.Before is null or { IsOpen: true };

        // It held a place from its claim until this final answer.
        var heldPlace = change.Before is { IsOpen: true, SubmissionStartedAt: not null };
        if (finishes && !heldPlace)
        {
            // Listed before the write, so that a crash after it cannot leave a record retention never finds.
            await gate.RecordFinishedAsync(change.Task.CorrelationId, change.Task.UpdatedAt, cancellationToken);
        }

        var saved = await store.SaveAsync(change.Task, delivery, cancellationToken);
        metrics.Saved(change.Before, saved);
        if (finishes && heldPlace)
        {
            // One transaction gives the place back and lists the task as finished; a crash before it
            // leaves the place, which the timer frees once it reads this final record, listing it too.
            await gate.FinishAsync(saved.CorrelationId, saved.UpdatedAt, MayHaveBeenCharged(saved), cancellationToken);
        }

        return saved;
    }

    /// <summary>False when MusicAPI refused the create call (nothing charged) or refunded the task.</summary>
    private static bool MayHaveBeenCharged(TrackTask task) => task.Failure switch
    {
        null => true,
        { CreditsRefunded: true } => false,
        { Reason: TrackFailureReason.SubmissionOutcomeUnknown } => true,
        _ => task.History[^1].Input != TrackInputs.Submission,
    };
}

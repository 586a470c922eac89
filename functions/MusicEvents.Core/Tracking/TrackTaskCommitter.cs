using MusicEvents.Contracts;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// The last steps every consumer takes: save what a change must save, count its new steps, give
/// back the task's place in the submission gate once it is final, hand back its events.
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

        var saved = await store.SaveAsync(change.Task, delivery, cancellationToken);
        metrics.Saved(change.Before, saved);
        if (change.Before is { IsOpen: true, SubmissionStartedAt: not null } && !saved.IsOpen)
        {
            // It held a place from its claim until this final answer.
            await gate.LeaveAsync(saved.CorrelationId, MayHaveBeenCharged(saved), cancellationToken);
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

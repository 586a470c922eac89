using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Tracking;

/// <summary>The last steps every consumer takes: save what a change must save, count its new steps, hand back its events.</summary>
public sealed class TrackTaskCommitter(ITrackTaskStore store, MusicEventsMetrics metrics)
{
    /// <returns>The events for the consumer to publish through its consume context.</returns>
    public async Task<IReadOnlyList<object>> CommitAsync(TrackTaskChange? change, CancellationToken cancellationToken)
    {
        if (change is null)
        {
            return [];
        }

        if (change.MustSave)
        {
            var saved = await store.SaveAsync(change.Task, cancellationToken);
            metrics.Saved(change.Before, saved);
        }

        return change.Events;
    }
}

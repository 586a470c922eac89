namespace MusicEvents.Core.Tracking;

public static class TrackTaskStoreExtensions
{
    /// <summary>Saves what a change must save and hands back its events, for the consumer to publish.</summary>
    public static async Task<IReadOnlyList<object>> CommitAsync(this ITrackTaskStore store, TrackTaskChange? change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (change is null)
        {
            return [];
        }

        if (change.MustSave)
        {
            await store.SaveAsync(change.Task, cancellationToken);
        }

        return change.Events;
    }
}

namespace MusicEvents.Core.Tracking;

/// <summary>
/// The webhook deliveries kept beside their task's record, raw body and headers included, for
/// inspection and replay. A delivery is kept by the write that takes its report
/// (<see cref="ITrackTaskStore.SaveAsync(TrackTask, WebhookDelivery?, CancellationToken)"/>), or on
/// its own here when its report changes nothing; it goes when its task's record goes (retention).
/// </summary>
public interface IKeptDeliveries
{
    /// <summary>Keeps a delivery whose report changed nothing (insert or replace).</summary>
    Task KeepAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// A kept delivery; null when there is none under that id. With its task's correlation id it is
    /// read by key; without, it is looked for across every task (an operator's query, not a hot path).
    /// </summary>
    Task<WebhookDelivery?> FindAsync(string webhookId, Guid? correlationId, CancellationToken cancellationToken);

    /// <summary>The deliveries received since <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<KeptDelivery>> ListRecentAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);
}

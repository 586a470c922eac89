namespace MusicEvents.Core.Webhooks;

/// <summary>
/// Every accepted delivery, keyed by its <c>X-Webhook-Id</c>, with its raw body and headers kept
/// for inspection and replay. A delivery is claimed for a short lease while it is processed and
/// marked processed only once its report is on the broker: so duplicates arriving together process
/// it once, and a delivery that failed half-way is processed in full when it comes again.
/// </summary>
public interface IWebhookInbox
{
    /// <summary>Records the delivery if it is new (insert-if-absent) and takes its lease.</summary>
    Task<InboxClaim> ClaimAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Gives the lease back after a failure, so the sender's next attempt is not kept waiting.</summary>
    Task ReleaseAsync(string webhookId, CancellationToken cancellationToken);

    Task MarkProcessedAsync(string webhookId, CancellationToken cancellationToken);

    /// <summary>A kept delivery, for replay; null when there is none under that id.</summary>
    Task<WebhookDelivery?> FindAsync(string webhookId, CancellationToken cancellationToken);

    /// <summary>Deletes deliveries received before <paramref name="receivedBefore"/> (at most <paramref name="limit"/>), bodies included; returns how many.</summary>
    Task<int> DeleteReceivedBeforeAsync(DateTimeOffset receivedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>The deliveries received since <paramref name="since"/>, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<KeptDelivery>> ListRecentAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Tests.Lifecycle;

/// <summary><see cref="IWebhookInbox"/> in memory, with the Table inbox's insert-if-absent and lease.</summary>
internal sealed class InMemoryWebhookInbox(TimeProvider time) : IWebhookInbox
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Entry> entries = new();

    public Task<InboxClaim> ClaimAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var now = time.GetUtcNow();
        var fresh = new Entry(delivery, false, now + Lease);
        if (entries.TryAdd(delivery.WebhookId, fresh))
        {
            return Task.FromResult(InboxClaim.Claimed);
        }

        var existing = entries[delivery.WebhookId];
        if (existing.Processed)
        {
            return Task.FromResult(InboxClaim.AlreadyProcessed);
        }

        return Task.FromResult(existing.LeaseUntil <= now && entries.TryUpdate(delivery.WebhookId, existing with { LeaseUntil = now + Lease }, existing)
            ? InboxClaim.Claimed
            : InboxClaim.InFlight);
    }

    public Task ReleaseAsync(string webhookId, CancellationToken cancellationToken)
    {
        entries.AddOrUpdate(webhookId, _ => throw new KeyNotFoundException(webhookId), (_, e) => e with { LeaseUntil = DateTimeOffset.UnixEpoch });
        return Task.CompletedTask;
    }

    public Task MarkProcessedAsync(string webhookId, CancellationToken cancellationToken)
    {
        entries.AddOrUpdate(webhookId, _ => throw new KeyNotFoundException(webhookId), (_, e) => e with { Processed = true });
        return Task.CompletedTask;
    }

    public Task<WebhookDelivery?> FindAsync(string webhookId, CancellationToken cancellationToken) =>
        Task.FromResult(entries.TryGetValue(webhookId, out var entry) ? entry.Delivery : null);

    public Task<IReadOnlyList<KeptDelivery>> ListRecentAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeptDelivery>>([.. entries.Values
            .Where(e => e.Delivery.ReceivedAt >= since)
            .OrderByDescending(e => e.Delivery.ReceivedAt)
            .Take(limit)
            .Select(e => new KeptDelivery(e.Delivery.WebhookId, e.Delivery.CorrelationId, e.Delivery.Event, e.Delivery.ReceivedAt, e.Processed, null))]);

    private sealed record Entry(WebhookDelivery Delivery, bool Processed, DateTimeOffset LeaseUntil);

    public Task<int> DeleteReceivedBeforeAsync(DateTimeOffset receivedBefore, int limit, CancellationToken cancellationToken)
    {
        var old = entries.Where(e => e.Value.Delivery.ReceivedAt < receivedBefore).Take(limit).Select(e => e.Key).ToList();
        return Task.FromResult(old.Count(id => entries.TryRemove(id, out _)));
    }
}

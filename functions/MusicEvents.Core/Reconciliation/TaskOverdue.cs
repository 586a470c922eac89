namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Internal: the reconciler found a task open past GiveUpAfter, unchanged since
/// <paramref name="SeenUpdatedAt"/>; <see cref="TaskOverdueConsumer"/> gives up on it unless it moved since.
/// </summary>
public sealed record TaskOverdue(Guid CorrelationId, DateTimeOffset SeenUpdatedAt);

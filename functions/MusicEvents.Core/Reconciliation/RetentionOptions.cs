namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Section "Retention": Retention__FinishedTasks, Retention__WebhookDeliveries. The timer deletes
/// task records finished, and kept webhook deliveries received, longer ago than these.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    public TimeSpan FinishedTasks { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan WebhookDeliveries { get; set; } = TimeSpan.FromDays(30);
}

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Section "Retention": Retention__FinishedTasks. The timer deletes task records finished longer ago
/// than this, and the webhook deliveries kept beside them.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    public TimeSpan FinishedTasks { get; set; } = TimeSpan.FromDays(30);
}

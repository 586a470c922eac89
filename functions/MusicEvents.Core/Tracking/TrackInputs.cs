namespace MusicEvents.Core.Tracking;

/// <summary>The ids under which a task's history remembers the inputs it has taken.</summary>
public static class TrackInputs
{
    /// <summary>The command's outcome: Submitted, or Failed before MusicAPI had the task.</summary>
    public const string Submission = "submission";

    /// <summary>The reconciler's verdict that MusicAPI will not answer any more.</summary>
    public const string GiveUp = "give-up";

    /// <summary>A clip the archive could not store.</summary>
    public const string Storage = "storage";

    /// <summary>A webhook delivery, by its <c>X-Webhook-Id</c>.</summary>
    public static string Webhook(string webhookId) => $"webhook:{webhookId}";

    /// <summary>A poll's final answer: one per MusicAPI task, however often it is polled.</summary>
    public static string Poll(string taskId) => $"poll:{taskId}";
}

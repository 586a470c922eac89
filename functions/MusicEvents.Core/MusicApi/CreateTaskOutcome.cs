using MusicEvents.Contracts;

namespace MusicEvents.Core.MusicApi;

/// <summary>
/// What one create call ended in: accepted, refused for good, not charged for now (429, 5xx, a
/// refused connection: MusicAPI did not take the task, so it may be sent again), or unknown (sent, no
/// answer: it may have been charged, so it is never sent again).
/// </summary>
public abstract record CreateTaskOutcome
{
    private CreateTaskOutcome() { }

    public sealed record Accepted(string TaskId) : CreateTaskOutcome;

    public sealed record Refused(TrackFailureReason Reason, int StatusCode, string Message) : CreateTaskOutcome;

    public sealed record Unknown(string Message) : CreateTaskOutcome;

    /// <param name="StatusCode">null for a connection that was refused (nothing was sent).</param>
    /// <param name="RetryAfter">How long MusicAPI asked every caller to wait (<c>Retry-After</c>), when it said.</param>
    public sealed record NotCharged(int? StatusCode, TimeSpan? RetryAfter, string Message) : CreateTaskOutcome;
}

using MusicEvents.Contracts;

namespace MusicEvents.Core.MusicApi;

/// <summary>What a create call ended in: accepted, refused for good, or unknown (sent, no answer).</summary>
public abstract record CreateTaskOutcome
{
    private CreateTaskOutcome() { }

    public sealed record Accepted(string TaskId) : CreateTaskOutcome;

    public sealed record Refused(TrackFailureReason Reason, int StatusCode, string Message) : CreateTaskOutcome;

    public sealed record Unknown(string Message) : CreateTaskOutcome;
}

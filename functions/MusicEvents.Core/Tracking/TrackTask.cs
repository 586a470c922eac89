using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>The record of one requested task, keyed by the requester's correlation id.</summary>
public sealed record TrackTask
{
    public required Guid CorrelationId { get; init; }
    public required TrackOperation Operation { get; init; }
    public required TrackTaskState State { get; init; }

    /// <summary>A hash of the request, so a repeat with another body under the same id is recognised.</summary>
    public required string RequestFingerprint { get; init; }

    public string? TaskId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Set before the create call: from then on the task may be charged, so it is never sent again.</summary>
    public DateTimeOffset? SubmissionStartedAt { get; init; }

    /// <summary>The webhook id (or poll marker) of the report that made the task final.</summary>
    public string? FinalEventId { get; init; }

    /// <summary>Set with <see cref="FinalEventId"/>, cleared once that decision's event is published.</summary>
    public bool EventPending { get; init; }

    /// <summary>Until when one publisher holds the pending event; nobody else publishes it before.</summary>
    public DateTimeOffset? EventLeasedUntil { get; init; }

    public IReadOnlyList<TrackClipRecord> Clips { get; init; } = [];
    public TrackFailureReason? FailureReason { get; init; }
    public string? FailureMessage { get; init; }
    public bool? CreditsRefunded { get; init; }
    public IReadOnlyList<TrackHistoryEntry> History { get; init; } = [];

    /// <summary>The storage version this copy was read at; writes succeed only against it.</summary>
    public string? ETag { get; init; }

    public bool IsFinal => State is TrackTaskState.Completed or TrackTaskState.Stored or TrackTaskState.Failed;

    public static TrackTask Accept(Guid correlationId, TrackOperation operation, string fingerprint, DateTimeOffset now) => new()
    {
        CorrelationId = correlationId,
        Operation = operation,
        State = TrackTaskState.Accepted,
        RequestFingerprint = fingerprint,
        CreatedAt = now,
        UpdatedAt = now,
        History = [new TrackHistoryEntry(TrackTaskState.Accepted, now)],
    };

    public TrackTask MoveTo(TrackTaskState state, DateTimeOffset now, string? note = null) => this with
    {
        State = state,
        UpdatedAt = now,
        History = [.. History, new TrackHistoryEntry(state, now, note)],
    };

    public TrackTask Fail(TrackFailureReason reason, string message, bool? creditsRefunded, DateTimeOffset now) =>
        MoveTo(TrackTaskState.Failed, now, $"{reason}: {message}") with
        {
            FailureReason = reason,
            FailureMessage = message,
            CreditsRefunded = creditsRefunded,
        };
}

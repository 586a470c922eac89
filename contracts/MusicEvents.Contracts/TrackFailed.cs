namespace MusicEvents.Contracts;

/// <summary>
/// The task failed for <see cref="Reason"/>. Final, except after <see cref="TrackFailureReason.TimedOut"/>
/// and <see cref="TrackFailureReason.SubmissionOutcomeUnknown"/>, which a late
/// <see cref="TrackCompleted"/> may still follow. <see cref="TrackFailureReason.StorageFailed"/>
/// names the clip that could not be stored; the task's other clips are stored and announced first.
/// </summary>
public sealed record TrackFailed(
    Guid CorrelationId,
    string? TaskId,
    TrackFailureReason Reason,
    string Message,
    bool? CreditsRefunded,
    DateTimeOffset FailedAt);

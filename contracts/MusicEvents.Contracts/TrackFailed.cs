namespace MusicEvents.Contracts;

public sealed record TrackFailed(
    Guid CorrelationId,
    string? TaskId,
    TrackFailureReason Reason,
    string Message,
    bool? CreditsRefunded,
    DateTimeOffset FailedAt);

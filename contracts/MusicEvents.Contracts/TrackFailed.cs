namespace MusicEvents.Contracts;

/// <summary>
/// The task failed for <see cref="Reason"/>. Final, except after <see cref="TrackFailureReason.TimedOut"/>
/// and <see cref="TrackFailureReason.SubmissionOutcomeUnknown"/>, which a late
/// <see cref="TrackCompleted"/> may still follow. <see cref="TrackFailureReason.StorageFailed"/>
/// names the clip that could not be stored; the task's other clips are stored and announced first.
/// </summary>
/// <param name="CorrelationId">The requester's id of the task (see <see cref="ExtendTrackCommand.CorrelationId"/>).</param>
/// <param name="TaskId">MusicAPI's id of the task; absent when it failed before MusicAPI took it.</param>
/// <param name="Reason">Why, as a name on the wire (<c>"TimedOut"</c>); read <see cref="Message"/> for the details.</param>
/// <param name="Message">What happened, in words: MusicAPI's message, the rule broken, or the clip that could not be stored. For people, not for parsing.</param>
/// <param name="CreditsRefunded">Whether MusicAPI said it refunded the credits; absent when it said nothing (or nothing was charged).</param>
/// <param name="FailedAt">When MusicEvents decided the failure (UTC).</param>
public sealed record TrackFailed(
    Guid CorrelationId,
    string? TaskId,
    TrackFailureReason Reason,
    string Message,
    bool? CreditsRefunded,
    DateTimeOffset FailedAt);

namespace MusicEvents.Contracts;

/// <summary>
/// MusicAPI finished the task; the archive stores each clip next and announces it with
/// <see cref="TrackStored"/>. Usually the last word after <see cref="TrackSubmitted"/>, but it may
/// also follow a <see cref="TrackFailed"/> whose reason is <see cref="TrackFailureReason.TimedOut"/>
/// or <see cref="TrackFailureReason.SubmissionOutcomeUnknown"/>: MusicAPI delivered after we gave
/// up, the audio was paid for, and it is kept. Like every event it may arrive more than once, with
/// the same values each time.
/// </summary>
/// <param name="CorrelationId">The requester's id of the task (see <see cref="ExtendTrackCommand.CorrelationId"/>).</param>
/// <param name="TaskId">MusicAPI's id of the task.</param>
/// <param name="Operation">What was asked for; <see cref="TrackOperation.Unknown"/> only for a task MusicEvents has no request of.</param>
/// <param name="Clips">The clips MusicAPI produced, at least one.</param>
/// <param name="CompletedAt">When MusicEvents learnt of the result (UTC).</param>
public sealed record TrackCompleted(
    Guid CorrelationId,
    string TaskId,
    TrackOperation Operation,
    IReadOnlyList<CompletedClip> Clips,
    DateTimeOffset CompletedAt);

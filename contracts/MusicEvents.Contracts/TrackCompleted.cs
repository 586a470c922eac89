namespace MusicEvents.Contracts;

/// <summary>
/// MusicAPI finished the task; the archive stores each clip next and announces it with
/// <see cref="TrackStored"/>. Usually the last word after <see cref="TrackSubmitted"/>, but it may
/// also follow a <see cref="TrackFailed"/> whose reason is <see cref="TrackFailureReason.TimedOut"/>
/// or <see cref="TrackFailureReason.SubmissionOutcomeUnknown"/>: MusicAPI delivered after we gave
/// up, the audio was paid for, and it is kept. Like every event it may arrive more than once, with
/// the same values each time.
/// </summary>
public sealed record TrackCompleted(
    Guid CorrelationId,
    string TaskId,
    TrackOperation Operation,
    IReadOnlyList<CompletedClip> Clips,
    DateTimeOffset CompletedAt);

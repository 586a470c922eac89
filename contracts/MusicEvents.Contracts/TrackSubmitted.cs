namespace MusicEvents.Contracts;

/// <summary>
/// MusicAPI accepted the task (and charged it); its result arrives by webhook or reconciliation
/// as <see cref="TrackCompleted"/> or <see cref="TrackFailed"/>.
/// </summary>
/// <param name="CorrelationId">The requester's id of the task (see <see cref="ExtendTrackCommand.CorrelationId"/>).</param>
/// <param name="TaskId">MusicAPI's id of the task.</param>
/// <param name="Operation">What was asked for.</param>
/// <param name="SubmittedAt">When MusicAPI accepted it (UTC).</param>
public sealed record TrackSubmitted(
    Guid CorrelationId,
    string TaskId,
    TrackOperation Operation,
    DateTimeOffset SubmittedAt);

namespace MusicEvents.Contracts;

/// <summary>
/// Asks for a track to be extended from <see cref="StartsAt"/> seconds on. Publish it to the
/// exchange <c>MusicEvents.Contracts:ExtendTrackCommand</c>; MusicEvents answers with
/// <see cref="TrackSubmitted"/>, then <see cref="TrackCompleted"/> and a <see cref="TrackStored"/>
/// per clip, or <see cref="TrackFailed"/>. It costs 12 MusicAPI credits, refunded if the task fails.
/// </summary>
/// <param name="CorrelationId">Chosen by the requester: the key of the whole flow and its idempotency key (the same id twice is taken once; the same id with other values is refused).</param>
/// <param name="ClipId">The MusicAPI clip to extend: required, at most 128 characters, no control characters.</param>
/// <param name="StartsAt">Where the extension starts, in seconds (fractions allowed), 0 to 86,400.</param>
/// <param name="Length">Seconds to add, 1 to 240; MusicAPI's default (60) when absent.</param>
/// <param name="Instruction">What the new part should sound like, at most 1,000 characters.</param>
/// <param name="Lyrics">Lyrics for the new part, at most 5,000 characters.</param>
/// <param name="Sound">A description of the sound, at most 500 characters.</param>
public sealed record ExtendTrackCommand(
    Guid CorrelationId,
    string ClipId,
    double StartsAt,
    double? Length = null,
    string? Instruction = null,
    string? Lyrics = null,
    string? Sound = null);

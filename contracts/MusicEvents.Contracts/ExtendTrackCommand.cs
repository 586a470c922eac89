namespace MusicEvents.Contracts;

/// <summary>Asks for a track to be extended from <see cref="StartsAt"/> seconds on.</summary>
/// <param name="CorrelationId">Chosen by the requester; the key and idempotency key of the whole flow.</param>
/// <param name="Length">Seconds to add, 1 to 240; MusicAPI's default (60) when absent.</param>
public sealed record ExtendTrackCommand(
    Guid CorrelationId,
    string ClipId,
    double StartsAt,
    double? Length = null,
    string? Instruction = null,
    string? Lyrics = null,
    string? Sound = null);

namespace MusicEvents.Contracts;

/// <summary>
/// Asks for the section between <see cref="StartsAt"/> and <see cref="EndsAt"/> seconds to be
/// replaced. Publish it to the exchange <c>MusicEvents.Contracts:ReplaceSectionCommand</c>; the
/// events that follow are those of <see cref="ExtendTrackCommand"/>. It costs 12 MusicAPI credits,
/// refunded if the task fails.
/// </summary>
/// <param name="CorrelationId">Chosen by the requester: the key of the whole flow and its idempotency key (the same id twice is taken once; the same id with other values is refused).</param>
/// <param name="ClipId">The MusicAPI clip to change: required, at most 128 characters, no control characters.</param>
/// <param name="StartsAt">Start of the section, in seconds (fractions allowed), 0 to 86,400.</param>
/// <param name="EndsAt">End of the section, in seconds: greater than <see cref="StartsAt"/>, at most 86,400.</param>
/// <param name="Instruction">What the new section should sound like, at most 1,000 characters.</param>
/// <param name="Lyrics">Lyrics for the new section, at most 5,000 characters.</param>
public sealed record ReplaceSectionCommand(
    Guid CorrelationId,
    string ClipId,
    double StartsAt,
    double EndsAt,
    string? Instruction = null,
    string? Lyrics = null);

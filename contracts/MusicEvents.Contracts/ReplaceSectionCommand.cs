namespace MusicEvents.Contracts;

/// <summary>Asks for the section between <see cref="StartsAt"/> and <see cref="EndsAt"/> seconds to be replaced.</summary>
public sealed record ReplaceSectionCommand(
    Guid CorrelationId,
    string ClipId,
    double StartsAt,
    double EndsAt,
    string? Instruction = null,
    string? Lyrics = null);

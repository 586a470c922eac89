using MusicEvents.Contracts;

namespace MusicEvents.Core.Submission;

/// <summary>
/// The HTTP bodies, with every field optional so that a missing one is reported by name instead of
/// silently becoming 0. <see cref="ToCommand"/> fills what is missing with values the validator refuses.
/// </summary>
public interface ITrackRequestBody<out TCommand>
{
    Guid? CorrelationId { get; }

    IEnumerable<string> MissingFields();

    TCommand ToCommand(Guid correlationId);
}

public sealed record ExtendTrackBody(
    Guid? CorrelationId, string? ClipId, double? StartsAt, double? Length, string? Instruction, string? Lyrics, string? Sound)
    : ITrackRequestBody<ExtendTrackCommand>
{
    public IEnumerable<string> MissingFields()
    {
        if (ClipId is null)
        {
            yield return nameof(ClipId);
        }

        if (StartsAt is null)
        {
            yield return nameof(StartsAt);
        }
    }

    public ExtendTrackCommand ToCommand(Guid correlationId) =>
        new(correlationId, ClipId ?? "", StartsAt ?? double.NaN, Length, Instruction, Lyrics, Sound);
}

public sealed record ReplaceSectionBody(
    Guid? CorrelationId, string? ClipId, double? StartsAt, double? EndsAt, string? Instruction, string? Lyrics)
    : ITrackRequestBody<ReplaceSectionCommand>
{
    public IEnumerable<string> MissingFields()
    {
        if (ClipId is null)
        {
            yield return nameof(ClipId);
        }

        if (StartsAt is null)
        {
            yield return nameof(StartsAt);
        }

        if (EndsAt is null)
        {
            yield return nameof(EndsAt);
        }
    }

    public ReplaceSectionCommand ToCommand(Guid correlationId) =>
        new(correlationId, ClipId ?? "", StartsAt ?? double.NaN, EndsAt ?? double.NaN, Instruction, Lyrics);
}

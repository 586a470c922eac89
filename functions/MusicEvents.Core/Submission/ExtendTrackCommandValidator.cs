using FluentValidation;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Submission;

public sealed class ExtendTrackCommandValidator : AbstractValidator<ExtendTrackCommand>
{
    public ExtendTrackCommandValidator()
    {
        RuleFor(c => c.CorrelationId).NotEmpty();
        RuleFor(c => c.ClipId).ClipId();
        RuleFor(c => c.StartsAt).Seconds();
        RuleFor(c => c.Length!.Value)
            .Must(double.IsFinite).WithMessage("'Length' must be a finite number of seconds.")
            .InclusiveBetween(TrackRequestLimits.LengthMin, TrackRequestLimits.LengthMax)
            .OverridePropertyName(nameof(ExtendTrackCommand.Length))
            .When(c => c.Length.HasValue);
        RuleFor(c => c.Instruction).Text(TrackRequestLimits.InstructionMaxLength);
        RuleFor(c => c.Lyrics).Text(TrackRequestLimits.LyricsMaxLength);
        RuleFor(c => c.Sound).Text(TrackRequestLimits.SoundMaxLength);
    }
}

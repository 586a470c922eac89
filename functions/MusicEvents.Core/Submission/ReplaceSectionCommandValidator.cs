using FluentValidation;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Submission;

public sealed class ReplaceSectionCommandValidator : AbstractValidator<ReplaceSectionCommand>
{
    public ReplaceSectionCommandValidator()
    {
        RuleFor(c => c.CorrelationId).NotEmpty();
        RuleFor(c => c.ClipId).ClipId();
        RuleFor(c => c.StartsAt).Seconds();
        RuleFor(c => c.EndsAt)
            .Must(double.IsFinite).WithMessage("'Ends At' must be a finite number of seconds.")
            .GreaterThan(c => c.StartsAt).WithMessage("'Ends At' must be greater than 'Starts At'.")
            .LessThanOrEqualTo(TrackRequestLimits.StartsAtMax);
        RuleFor(c => c.Instruction).Text(TrackRequestLimits.InstructionMaxLength);
        RuleFor(c => c.Lyrics).Text(TrackRequestLimits.LyricsMaxLength);
    }
}

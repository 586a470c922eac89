using FluentValidation;

namespace MusicEvents.Core.Submission;

/// <summary>Rules both command validators share, so the two cannot drift apart.</summary>
internal static class TrackRequestRules
{
    public static IRuleBuilderOptions<T, string> ClipId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .MaximumLength(TrackRequestLimits.ClipIdMaxLength)
            .Must(id => id is null || !id.Any(char.IsControl)).WithMessage("'{PropertyName}' must not contain control characters.");

    public static IRuleBuilderOptions<T, double> Seconds<T>(this IRuleBuilder<T, double> rule) =>
        rule.Must(double.IsFinite).WithMessage("'{PropertyName}' must be a finite number of seconds.")
            .GreaterThanOrEqualTo(0)
            .LessThanOrEqualTo(TrackRequestLimits.StartsAtMax);

    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength);
}

using FluentValidation.Results;
using MusicEvents.Contracts;
using MusicEvents.Core.Submission;

namespace MusicEvents.Tests.Submission;

public sealed class ReplaceSectionCommandValidatorTests
{
    private static readonly ReplaceSectionCommand Valid =
        new(Guid.NewGuid(), "clip-1", 30, 45.5, "Softer chorus", "new words");

    private readonly ReplaceSectionCommandValidator validator = new();

    [Fact]
    public void Complete_command_is_valid()
    {
        Assert.True(validator.Validate(Valid).IsValid);
    }

    [Fact]
    public void Section_starting_at_zero_is_valid()
    {
        Assert.True(validator.Validate(new ReplaceSectionCommand(Guid.NewGuid(), "clip-1", 0, 0.5)).IsValid);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(29.9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Ends_at_not_after_starts_at_is_refused(double endsAt)
    {
        AssertOnlyRefuses("EndsAt", validator.Validate(Valid with { EndsAt = endsAt }));
    }

    [Fact]
    public void Ends_at_past_a_day_is_refused()
    {
        AssertOnlyRefuses("EndsAt", validator.Validate(Valid with { EndsAt = 86_400.5 }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Starts_at_that_is_not_a_sane_number_of_seconds_is_refused(double startsAt)
    {
        var result = validator.Validate(Valid with { StartsAt = startsAt, EndsAt = 10 });

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.PropertyName == "StartsAt");
    }

    [Fact]
    public void Empty_clip_id_is_refused()
    {
        AssertOnlyRefuses("ClipId", validator.Validate(Valid with { ClipId = "" }));
    }

    [Theory]
    [InlineData("Instruction", TrackRequestLimits.InstructionMaxLength)]
    [InlineData("Lyrics", TrackRequestLimits.LyricsMaxLength)]
    public void Text_longer_than_its_limit_is_refused(string property, int limit)
    {
        Assert.True(validator.Validate(WithText(property, new string('x', limit))).IsValid);
        AssertOnlyRefuses(property, validator.Validate(WithText(property, new string('x', limit + 1))));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var command = new ReplaceSectionCommand(Guid.Empty, "", 20, 20, Lyrics: new string('x', TrackRequestLimits.LyricsMaxLength + 1));

        var refused = validator.Validate(command).Errors.Select(e => e.PropertyName).ToHashSet();

        Assert.Equal(new HashSet<string> { "CorrelationId", "ClipId", "EndsAt", "Lyrics" }, refused);
    }

    private static ReplaceSectionCommand WithText(string property, string text) => property switch
    {
        "Instruction" => Valid with { Instruction = text },
        "Lyrics" => Valid with { Lyrics = text },
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };

    private static void AssertOnlyRefuses(string property, ValidationResult result)
    {
        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(property, e.PropertyName));
    }
}

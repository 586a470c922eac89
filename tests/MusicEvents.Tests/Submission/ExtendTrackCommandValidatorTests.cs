using FluentValidation.Results;
using MusicEvents.Contracts;
using MusicEvents.Core.Submission;

namespace MusicEvents.Tests.Submission;

public sealed class ExtendTrackCommandValidatorTests
{
    private static readonly ExtendTrackCommand Valid =
        new(Guid.NewGuid(), "clip-1", 45.5, 60, "Add a bridge", "la la la", "warm piano");

    private readonly ExtendTrackCommandValidator validator = new();

    [Fact]
    public void Complete_command_is_valid()
    {
        Assert.True(validator.Validate(Valid).IsValid);
    }

    [Fact]
    public void Command_with_only_the_required_fields_is_valid()
    {
        Assert.True(validator.Validate(new ExtendTrackCommand(Guid.NewGuid(), "clip-1", 0)).IsValid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(240)]
    public void Length_at_either_bound_is_valid(double length)
    {
        Assert.True(validator.Validate(Valid with { Length = length }).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(241)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Length_out_of_range_is_refused(double length)
    {
        AssertOnlyRefuses("Length", validator.Validate(Valid with { Length = length }));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(86_400.5)]
    public void Starts_at_that_is_not_a_sane_number_of_seconds_is_refused(double startsAt)
    {
        AssertOnlyRefuses("StartsAt", validator.Validate(Valid with { StartsAt = startsAt }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("clip\n1")]
    public void Empty_or_control_character_clip_id_is_refused(string clipId)
    {
        AssertOnlyRefuses("ClipId", validator.Validate(Valid with { ClipId = clipId }));
    }

    [Fact]
    public void Over_long_clip_id_is_refused()
    {
        AssertOnlyRefuses("ClipId", validator.Validate(Valid with { ClipId = new string('c', TrackRequestLimits.ClipIdMaxLength + 1) }));
    }

    [Fact]
    public void Empty_correlation_id_is_refused()
    {
        AssertOnlyRefuses("CorrelationId", validator.Validate(Valid with { CorrelationId = Guid.Empty }));
    }

    [Theory]
    [InlineData("Instruction", TrackRequestLimits.InstructionMaxLength)]
    [InlineData("Lyrics", TrackRequestLimits.LyricsMaxLength)]
    [InlineData("Sound", TrackRequestLimits.SoundMaxLength)]
    public void Text_longer_than_its_limit_is_refused(string property, int limit)
    {
        Assert.True(validator.Validate(WithText(property, new string('x', limit))).IsValid);
        AssertOnlyRefuses(property, validator.Validate(WithText(property, new string('x', limit + 1))));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var command = new ExtendTrackCommand(Guid.Empty, "", -1, 0, new string('x', TrackRequestLimits.InstructionMaxLength + 1));

        var refused = validator.Validate(command).Errors.Select(e => e.PropertyName).ToHashSet();

        Assert.Equal(new HashSet<string> { "CorrelationId", "ClipId", "StartsAt", "Length", "Instruction" }, refused);
    }

    private static ExtendTrackCommand WithText(string property, string text) => property switch
    {
        "Instruction" => Valid with { Instruction = text },
        "Lyrics" => Valid with { Lyrics = text },
        "Sound" => Valid with { Sound = text },
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };

    private static void AssertOnlyRefuses(string property, ValidationResult result)
    {
        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal(property, e.PropertyName));
    }
}

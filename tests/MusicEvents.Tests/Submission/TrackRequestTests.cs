using MusicEvents.Contracts;
using MusicEvents.Core.Submission;

namespace MusicEvents.Tests.Submission;

public sealed class TrackRequestTests
{
    private static readonly Guid CorrelationId = Guid.Parse("9b2f7c1a-0d3e-4c55-8a61-2f4b9e0c7d12");
    private static readonly ExtendTrackCommand Extend = new(CorrelationId, "clip-1", 45.5, 30, "Add a bridge", "la la", "piano");
    private static readonly ReplaceSectionCommand Replace = new(CorrelationId, "clip-1", 30, 45.5, "Softer chorus", "new words");

    [Fact]
    public void Same_command_gives_the_same_fingerprint()
    {
        var again = new ExtendTrackCommand(CorrelationId, "clip-1", 45.5, 30, "Add a bridge", "la la", "piano");

        Assert.Equal(TrackRequest.From(Extend).Fingerprint, TrackRequest.From(again).Fingerprint);
        Assert.Equal(TrackRequest.From(Replace).Fingerprint, TrackRequest.From(Replace with { }).Fingerprint);
    }

    [Theory]
    [InlineData("CorrelationId")]
    [InlineData("ClipId")]
    [InlineData("StartsAt")]
    [InlineData("Length")]
    [InlineData("Instruction")]
    [InlineData("Lyrics")]
    [InlineData("Sound")]
    public void Any_change_to_an_extend_command_changes_its_fingerprint(string field)
    {
        var changed = field switch
        {
            "CorrelationId" => Extend with { CorrelationId = Guid.NewGuid() },
            "ClipId" => Extend with { ClipId = "clip-2" },
            "StartsAt" => Extend with { StartsAt = 45.25 },
            "Length" => Extend with { Length = null },
            "Instruction" => Extend with { Instruction = "Add a bridge." },
            "Lyrics" => Extend with { Lyrics = null },
            "Sound" => Extend with { Sound = "Piano" },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.NotEqual(TrackRequest.From(Extend).Fingerprint, TrackRequest.From(changed).Fingerprint);
    }

    [Theory]
    [InlineData("ClipId")]
    [InlineData("StartsAt")]
    [InlineData("EndsAt")]
    [InlineData("Instruction")]
    [InlineData("Lyrics")]
    public void Any_change_to_a_replace_command_changes_its_fingerprint(string field)
    {
        var changed = field switch
        {
            "ClipId" => Replace with { ClipId = "clip-2" },
            "StartsAt" => Replace with { StartsAt = 31 },
            "EndsAt" => Replace with { EndsAt = 46 },
            "Instruction" => Replace with { Instruction = null },
            "Lyrics" => Replace with { Lyrics = "other words" },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.NotEqual(TrackRequest.From(Replace).Fingerprint, TrackRequest.From(changed).Fingerprint);
    }

    [Fact]
    public void Extend_command_becomes_an_extend_music_task()
    {
        var request = TrackRequest.From(Extend);

        Assert.Equal(CorrelationId, request.CorrelationId);
        Assert.Equal(TrackOperation.Extend, request.Operation);
        Assert.Equal("extend_music", request.Body.TaskType);
        Assert.Equal("clip-1", request.Body.ClipId);
        Assert.Equal(45.5, request.Body.StartsAt);
        Assert.Equal(30, request.Body.Length);
        Assert.Null(request.Body.EndsAt);
        Assert.Equal("Add a bridge", request.Body.Instruction);
        Assert.Equal("la la", request.Body.Lyrics);
        Assert.Equal("piano", request.Body.Sound);
    }

    [Fact]
    public void Replace_command_becomes_a_replace_music_task()
    {
        var request = TrackRequest.From(Replace);

        Assert.Equal(TrackOperation.ReplaceSection, request.Operation);
        Assert.Equal("replace_music", request.Body.TaskType);
        Assert.Equal(30, request.Body.StartsAt);
        Assert.Equal(45.5, request.Body.EndsAt);
        Assert.Null(request.Body.Length);
        Assert.Null(request.Body.Sound);
        Assert.Equal("Softer chorus", request.Body.Instruction);
        Assert.Equal("new words", request.Body.Lyrics);
    }

    [Fact]
    public void Webhook_is_left_for_the_submitter_to_add()
    {
        var body = TrackRequest.From(Extend).Body;

        Assert.Null(body.WebhookUrl);
        Assert.Null(body.WebhookSecret);
    }
}
